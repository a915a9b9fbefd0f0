import KortompediaCommands

await KortompediaCommand.main()
