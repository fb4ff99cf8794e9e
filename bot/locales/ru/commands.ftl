### The command menu Telegram shows next to the text field.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-start = Начать: что я предлагаю и ваши разрешения
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-preferences = Посмотреть и изменить разрешения и предпочтения
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-mydata = Всё, что обо мне хранится
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-stop = Отключить всё сразу
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-forget = Стереть мои персональные данные
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-language = Сменить язык
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-help = Что я умею
