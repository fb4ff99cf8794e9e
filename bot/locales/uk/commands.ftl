### The command menu Telegram shows next to the text field.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-start = Почати: що я пропоную і ваші дозволи
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-preferences = Переглянути й змінити дозволи та вподобання
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-mydata = Усе, що про мене збережено
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-stop = Вимкнути все одразу
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-forget = Стерти мої персональні дані
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-language = Змінити мову
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-help = Що я вмію
