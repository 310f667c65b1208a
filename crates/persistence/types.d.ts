// Precise types for the persistence module.
