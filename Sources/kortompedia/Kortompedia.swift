import KortompediaCommands

/// The executable: everything lives in `KortompediaCommands`, where it can be tested.
@main
enum Kortompedia {
    static func main() async {
        await KortompediaCommand.main()
    }
}
