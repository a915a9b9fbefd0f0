import Foundation

/// Frees a large value on a thread of its own. What a build is done with (an audience's
/// rendered pages, the parsed site, the dev server's previous preview state) is hundreds of
/// megabytes in millions of allocations: freeing it takes 0.05-0.2 s at 10,000 articles, on
/// whatever thread drops the last reference. Handed here, that is not the thread the next
/// stage, the caller or a waiting request is on.
public enum BackgroundRelease {
    /// Drops `value` on a new thread. The box is the only owner once `value` is consumed into
    /// it, so the last release is the thread's.
    public static func drop<Value: Sendable>(_ value: consuming Value) {
        let box = ReleaseBox(consume value)
        Thread.detachNewThread { box.value = nil }
    }
}

/// What `BackgroundRelease.drop` hands to its thread: set once when made, emptied once by the
/// thread, never read.
private final class ReleaseBox<Value: Sendable>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = consume value }
}
