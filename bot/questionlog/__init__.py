"""The question log for the FAQ's author: the SQLite store and its migrations (`store`), logging
questions and votes (`log`), the report and `suggest` (`report`, `render`) and their commands.

Never imports `telegram` or `bot.telegram`; the Telegram side calls into it. May import `bot.config`,
`faq` and `nlp`.
"""
