"""One module per tab: each is `XxxTab(context, parent=None)` and reloads on context signals."""
