#if canImport(Glibc)
    import Glibc
#endif

/// The scheduling priority (nice value) of the calling thread, where it is one: on Linux each
/// thread has its own, and a thread inherits its creator's. A higher value yields the cores to
/// threads with a lower one. The dev server builds at a higher value than it serves, so that
/// the page of a save is sent at once while the full rebuild runs (see `FullSiteBuilder`).
///
/// Elsewhere (Darwin, where `setpriority` would change the whole process) both are no-ops that
/// read 0.
public enum ThreadNiceness {
    /// The calling thread's nice value, 0 where it cannot be read.
    public static var current: Int32 {
        #if os(Linux)
            errno = 0
            let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            return value == -1 && errno != 0 ? 0 : value
        #else
            return 0
        #endif
    }

    /// Raises the calling thread's nice value to `value` if it is lower. Never lowers it: an
    /// unprivileged thread may not, and what runs at a high value was meant to. Best effort: a
    /// refusal leaves the thread as it was.
    public static func raise(to value: Int32) {
        #if os(Linux)
            guard value > current else { return }
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, value)
        #endif
    }
}
