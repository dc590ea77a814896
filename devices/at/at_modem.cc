// Placeholder until the interpreter lands: keeps the layer's library non-empty.
