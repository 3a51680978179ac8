"""Small widgets the tabs share: lap entry, the bubble-line delegate, inline messages."""
