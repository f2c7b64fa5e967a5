"""Domain rules: dates, deadlines, states and summaries. Knows nothing of the terminal."""
