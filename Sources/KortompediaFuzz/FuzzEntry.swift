/// The libFuzzer entry point: libFuzzer calls this for every input it generates.
@_cdecl("LLVMFuzzerTestOneInput")
public func kortompediaFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if KORTOMPEDIA_FUZZER
    /// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The `main` of a fuzzer build. SwiftPM links every executable with `main` aliased to
    /// `<module>_main` (so that tests can link the module), which hides libFuzzer's own `main`;
    /// this one hands the command line to libFuzzer's driver instead.
    @_cdecl("KortompediaFuzz_main")
    func kortompediaFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return llvmFuzzerRunDriver(&argc, &argv, kortompediaFuzzOneInput)
    }
#endif
