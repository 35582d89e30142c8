// Placeholder translation unit; the backend interface follows.
