import Testing

/// The Chromium tests, one at a time. Each holds a thread of the test runner's pool while its
/// Chromium runs (many seconds): two suites of them at once took both threads of a two-core
/// machine and starved the dev server tests, whose waits then ran out.
@Suite(.serialized, .enabled(if: BrowserHarness.chromium != nil, "needs chromium")) enum AllBrowserTests {}
