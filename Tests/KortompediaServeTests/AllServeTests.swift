import Testing

/// The tests of issue 5 (serve, check, new, stats), one at a time: the serve test measures a
/// rebuild against a one-second budget and should not share the two cores with the others.
@Suite(.serialized) enum AllServeTests {}
