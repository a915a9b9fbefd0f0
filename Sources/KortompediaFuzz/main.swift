// Fuzz entry point: being written (issue 7).
