"""What is kept on disk: atomic writes, results, drafts and their holder, lookup, answers files, age locks, forgetting, paths and the clock."""
