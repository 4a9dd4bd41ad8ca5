"""The Telegram bot: application and wiring (`app`), handlers, admin commands, delivery and the
network layer, flood control, settings, log redaction and HTML rendering.

The only place `telegram` is imported. May import `bot.config`, `bot.questionlog`, `faq` and `nlp`.
"""
