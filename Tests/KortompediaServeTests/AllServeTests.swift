import Testing

/// The tests of issue 5 (serve, check, new, stats), one at a time: the serve tests start servers,
/// file watchers and builds of their own, and their waits are shorter when they do not also
/// share the two cores with each other. (How fast an edit is served is measured by `make bench`.)
@Suite(.serialized) enum AllServeTests {}
