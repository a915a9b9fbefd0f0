import ArgumentParser

/// The `kortompedia` command: a thin layer of argument parsing over `KortompediaBuild`.
public struct KortompediaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kortompedia",
        abstract: "Bouwt Kortompedia: een ledensite en een publieke site uit Markdown-artikels.",
        discussion: "Builds a Kortompedia knowledge base into _site/members and _site/public.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, StatsCommand.self, NewsletterCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}
}
