/// File names that are never sources, in the build and in `serve`'s watcher alike: hidden files
/// (`.DS_Store`, vim's `.x.swp`, emacs' `.#x` lock) and the scratch and backup files editors
/// leave beside the file they save (`x~`, emacs' `#x#`, vim's `4913` test file, `x.swp`). The
/// preview must not rebuild, and reload the open pages, for any of them.
public enum IgnoredFileNames {
    public static func contains(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
            || name == "4913" || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }
}
