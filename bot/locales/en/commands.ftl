### The command menu Telegram shows next to the text field.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-start = Start: what I offer and your permissions
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-preferences = See and change permissions and preferences
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-mydata = Everything stored about me
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-stop = Switch everything off at once
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-forget = Erase my personal data
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-language = Change the language
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-help = What I can do
