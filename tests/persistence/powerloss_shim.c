/* Power-loss shim (LD_PRELOAD): keeps, beside each tracked file, the bytes a power cut would keep.
 *
 * SIGKILL leaves the page cache intact, so a crash test cannot notice a missing fsync. This shim
 * sits under the standard sqlite3 module's own libsqlite3 (APSW's VFS cannot, DESIGN §6). Every
 * write to a file under $TRACKSIDE_POWERLOSS_DIR goes to the real file as usual and is also
 * remembered as pending; only fsync/fdatasync copies the pending writes into FILE.durable. After
 * the process dies, the test moves each FILE.durable over FILE: that is the disk after a power
 * cut that lost every write not yet made durable (the worst case the OS allows).
 *
 * $TRACKSIDE_POWERLOSS_CUT_AFTER=N kills the process with SIGKILL at its N-th tracked write,
 * truncate or sync: the power cut lands at an arbitrary point of SQLite's I/O sequence. The
 * -shm index (shared memory, rebuilt from the WAL) and the .lock sidecar are not tracked.
 * File creation and unlinking are treated as durable at once (directory syncs are not modelled).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FILES 32
#define MAX_FDS 4096

struct pending {
    off_t offset;
    size_t length; /* (size_t)-1: a truncate to offset */
    char *data;
};

struct tracked {
    char path[4096];
    int shadow; /* descriptor of PATH.durable */
    struct pending *ops;
    size_t count, capacity;
};

static struct tracked files[MAX_FILES];
static int file_of_fd[MAX_FDS]; /* index + 1 into files, 0: not tracked */
static long cut_after = -1;     /* -1: not read yet, 0: never */
static int busy;                /* our own I/O must not be tracked */

/* Raw system calls: the shim's own I/O must not come back through the shim. */
static int raw_open(const char *path, int flags, mode_t mode) {
    return (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
}
static ssize_t raw_pwrite(int fd, const void *buf, size_t n, off_t off) {
    return (ssize_t)syscall(SYS_pwrite64, fd, buf, n, off);
}
static ssize_t raw_write(int fd, const void *buf, size_t n) {
    return (ssize_t)syscall(SYS_write, fd, buf, n);
}
static ssize_t raw_read(int fd, void *buf, size_t n) { return (ssize_t)syscall(SYS_read, fd, buf, n); }
static int raw_ftruncate(int fd, off_t len) { return (int)syscall(SYS_ftruncate, fd, len); }
static int raw_close(int fd) { return (int)syscall(SYS_close, fd); }
static int raw_unlink(const char *path) { return (int)syscall(SYS_unlinkat, AT_FDCWD, path, 0); }

static int ends_with(const char *text, const char *suffix) {
    size_t a = strlen(text), b = strlen(suffix);
    return a >= b && strcmp(text + a - b, suffix) == 0;
}

static int is_tracked_path(const char *path) {
    const char *dir = getenv("TRACKSIDE_POWERLOSS_DIR");
    if (dir == NULL || path == NULL || strncmp(path, dir, strlen(dir)) != 0) return 0;
    return !ends_with(path, "-shm") && !ends_with(path, ".lock") && !ends_with(path, ".durable");
}

static void tick(void) {
    if (cut_after < 0) {
        const char *text = getenv("TRACKSIDE_POWERLOSS_CUT_AFTER");
        cut_after = text ? atol(text) : 0;
    }
    if (cut_after > 0 && --cut_after == 0) raise(SIGKILL); /* the power goes off here */
}

static struct tracked *find(const char *path) {
    for (int i = 0; i < MAX_FILES; i++)
        if (files[i].path[0] && strcmp(files[i].path, path) == 0) return &files[i];
    return NULL;
}

/* The first time this process opens PATH, its durable copy is what is on the file now. */
static struct tracked *track(const char *path) {
    struct tracked *file = find(path);
    if (file) return file;
    for (int i = 0; i < MAX_FILES; i++) {
        if (files[i].path[0]) continue;
        file = &files[i];
        char shadow[4200];
        snprintf(shadow, sizeof shadow, "%s.durable", path);
        int fresh = access(shadow, F_OK) != 0;
        file->shadow = raw_open(shadow, O_RDWR | O_CREAT, 0644);
        if (file->shadow < 0) return NULL;
        if (fresh) {
            int source = raw_open(path, O_RDONLY, 0);
            char buffer[65536];
            ssize_t n;
            while (source >= 0 && (n = raw_read(source, buffer, sizeof buffer)) > 0)
                raw_write(file->shadow, buffer, (size_t)n);
            if (source >= 0) raw_close(source);
        }
        strncpy(file->path, path, sizeof file->path - 1);
        return file;
    }
    return NULL;
}

static void remember(struct tracked *file, off_t offset, const void *data, size_t length) {
    if (file->count == file->capacity) {
        file->capacity = file->capacity ? file->capacity * 2 : 64;
        file->ops = realloc(file->ops, file->capacity * sizeof *file->ops);
    }
    struct pending *op = &file->ops[file->count++];
    op->offset = offset;
    op->length = length;
    op->data = NULL;
    if (data) {
        op->data = malloc(length);
        memcpy(op->data, data, length);
    }
}

static void make_durable(struct tracked *file) {
    for (size_t i = 0; i < file->count; i++) {
        struct pending *op = &file->ops[i];
        if (op->data)
            raw_pwrite(file->shadow, op->data, op->length, op->offset);
        else
            raw_ftruncate(file->shadow, op->offset);
        free(op->data);
    }
    file->count = 0;
}

static struct tracked *of_fd(int fd) {
    if (busy || fd < 0 || fd >= MAX_FDS || file_of_fd[fd] == 0) return NULL;
    return &files[file_of_fd[fd] - 1];
}

static int after_open(const char *path, int fd) {
    if (fd >= 0 && fd < MAX_FDS && !busy && is_tracked_path(path)) {
        busy = 1;
        struct tracked *file = track(path);
        busy = 0;
        if (file) file_of_fd[fd] = (int)(file - files) + 1;
    } else if (fd >= 0 && fd < MAX_FDS) {
        file_of_fd[fd] = 0;
    }
    return fd;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

static int open_with(const char *symbol, const char *path, int flags, mode_t mode) {
    int (*real)(const char *, int, ...) = dlsym(RTLD_NEXT, symbol);
    return after_open(path, real(path, flags, mode));
}

int open(const char *path, int flags, ...) {
    va_list args;
    va_start(args, flags);
    mode_t mode = ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) ? va_arg(args, mode_t) : 0;
    va_end(args);
    return open_with("open", path, flags, mode);
}

int open64(const char *path, int flags, ...) {
    va_list args;
    va_start(args, flags);
    mode_t mode = ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) ? va_arg(args, mode_t) : 0;
    va_end(args);
    return open_with("open64", path, flags, mode);
}

ssize_t write(int fd, const void *buf, size_t n) {
    struct tracked *file = of_fd(fd);
    off_t offset = file ? lseek(fd, 0, SEEK_CUR) : 0;
    ssize_t written = REAL(write)(fd, buf, n);
    if (file && written > 0) {
        remember(file, offset, buf, (size_t)written);
        tick();
    }
    return written;
}

static ssize_t tracked_pwrite(int fd, const void *buf, size_t n, off_t offset) {
    struct tracked *file = of_fd(fd);
    ssize_t written = raw_pwrite(fd, buf, n, offset);
    if (file && written > 0) { /* syscall() returns -1 and sets errno on failure */
        remember(file, offset, buf, (size_t)written);
        tick();
    }
    return written;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) {
    return tracked_pwrite(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t offset) {
    return tracked_pwrite(fd, buf, n, offset);
}

static int tracked_ftruncate(int fd, off_t length) {
    struct tracked *file = of_fd(fd);
    int result = raw_ftruncate(fd, length);
    if (file && result == 0) {
        remember(file, length, NULL, (size_t)-1);
        tick();
    }
    return result;
}

int ftruncate(int fd, off_t length) { return tracked_ftruncate(fd, length); }
int ftruncate64(int fd, off_t length) { return tracked_ftruncate(fd, length); }

static int tracked_sync(int fd, int (*real)(int)) {
    struct tracked *file = of_fd(fd);
    if (file) tick(); /* a cut during the sync keeps nothing of what it would have made durable */
    int result = real(fd);
    if (file && result == 0) make_durable(file);
    return result;
}

int fsync(int fd) { return tracked_sync(fd, REAL(fsync)); }
int fdatasync(int fd) { return tracked_sync(fd, REAL(fdatasync)); }

int close(int fd) {
    if (fd >= 0 && fd < MAX_FDS) file_of_fd[fd] = 0;
    return REAL(close)(fd);
}

int unlink(const char *path) {
    int result = REAL(unlink)(path);
    if (result == 0 && is_tracked_path(path)) {
        struct tracked *file = find(path);
        if (file) {
            for (size_t i = 0; i < file->count; i++) free(file->ops[i].data);
            file->count = 0;
            raw_close(file->shadow);
            for (int fd = 0; fd < MAX_FDS; fd++)
                if (file_of_fd[fd] == (int)(file - files) + 1) file_of_fd[fd] = 0;
            file->path[0] = 0;
        }
        char shadow[4200];
        snprintf(shadow, sizeof shadow, "%s.durable", path);
        raw_unlink(shadow);
    }
    return result;
}
