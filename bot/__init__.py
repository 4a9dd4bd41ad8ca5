"""Front ends: the Telegram bot, the terminal chat and the `tanyabot` CLI."""
