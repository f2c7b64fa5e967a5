"""maogang: compliance tracker for the 泖港镇 安全生产治本攻坚三年行动 (2024—2026)."""

__version__ = "0.1.0"
