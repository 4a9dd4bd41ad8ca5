"""Front ends over the `faq` engine: the `tanyabot` command and terminal chat (here), the Telegram
bot (`bot.telegram`) and the question log with its report (`bot.questionlog`).

May import `faq`, `nlp` and third-party libraries; only `bot.telegram` imports `telegram`.
"""
