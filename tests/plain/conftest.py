"""The plain-export tests run in every suite: the reader of the plain kind holds them."""
