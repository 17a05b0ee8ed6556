${summary.month}: our introductions, both ways
