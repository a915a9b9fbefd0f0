import KortompediaBuild

/// The preview server of `kortompedia serve` (issue 5): to be written.
public enum DevServerPlaceholder {}
