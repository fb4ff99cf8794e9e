### The command menu Telegram shows next to the text field.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-start = Start: co oferuję i Twoje zgody
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-preferences = Zobacz i zmień zgody oraz preferencje
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-mydata = Wszystko, co o mnie zapisano
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-stop = Wyłącz wszystko naraz
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-forget = Usuń moje dane osobowe
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-language = Zmień język
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-help = Co potrafię
