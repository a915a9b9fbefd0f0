// The settings of jemalloc, the allocator the kortompedia command is linked with on Linux.
// Nothing to call: jemalloc reads `malloc_conf` (allocator_settings.c) when it starts.
