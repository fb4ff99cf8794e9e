"""Texts of the core customer conversation (issue 2)."""

CORE: dict[str, dict[str, str]] = {
    'start.welcome': {
        "en": "Hello{name_sep}{name}! 👋 I am the shop's assistant. With your permission I can greet you on your birthday, offer free samples of what you like, ask how you liked a purchase and tell you about new products — only what you allow, never more, and you can change your mind at any time.",
    },
    'consent.intro': {
        "en": '<b>What may I send you?</b> Choose one by one — nothing is switched on until you press its button:',
    },
    'consent.outro': {
        "en": 'Press a button to allow it (press again to switch it off). The bot stays useful even if you allow nothing. When you are done, press «Done».',
    },
    'scope.birthday.button': {
        "en": 'Birthday greeting',
    },
    'scope.birthday.desc': {
        "en": 'a greeting (and sometimes a small gift) on your birthday — once a year',
    },
    'scope.birthday.stop_button': {
        "en": '🔕 No more birthday greetings',
    },
    'scope.samples.button': {
        "en": 'Free samples',
    },
    'scope.samples.desc': {
        "en": 'offers of free samples that match your interests — at most a few times a month',
    },
    'scope.samples.stop_button': {
        "en": '🔕 No more sample offers',
    },
    'scope.feedback.button': {
        "en": 'Feedback requests',
    },
    'scope.feedback.desc': {
        "en": 'a short question about how you liked a purchase or a sample — about a week after it',
    },
    'scope.feedback.stop_button': {
        "en": '🔕 No more feedback requests',
    },
    'scope.offers.button': {
        "en": 'News and offers',
    },
    'scope.offers.desc': {
        "en": 'news about new products and personal offers — never more often than your weekly limit',
    },
    'scope.offers.stop_button': {
        "en": '🔕 No more offers',
    },
    'scope.tracking.button': {
        "en": 'Personal tracking',
    },
    'scope.tracking.desc': {
        "en": 'we may link your answers to buttons to your profile to make offers more relevant; without it they are kept only under a pseudonym',
    },
    'scope.tracking.stop_button': {
        "en": '🔕 Stop personal tracking',
    },
    'btn.scopes_done': {
        "en": 'Done ✔',
    },
    'btn.skip': {
        "en": 'Skip',
    },
    'btn.done': {
        "en": 'Done ✔',
    },
    'btn.yes': {
        "en": 'Yes',
    },
    'btn.no': {
        "en": 'No',
    },
    'btn.preferences': {
        "en": '⚙️ Preferences',
    },
    'btn.mydata': {
        "en": '📄 My data',
    },
    'btn.stop_all': {
        "en": '🔕 Stop everything',
    },
    'btn.help': {
        "en": '❓ Help',
    },
    'lang.name': {
        "en": 'English',
    },
    'prefs.btn.scopes': {
        "en": 'Permissions',
    },
    'prefs.btn.name': {
        "en": 'Name',
    },
    'prefs.btn.birthday': {
        "en": 'Birthday',
    },
    'prefs.btn.interests': {
        "en": 'Interests',
    },
    'prefs.btn.timezone': {
        "en": 'Time zone',
    },
    'prefs.btn.quiet': {
        "en": 'Quiet hours',
    },
    'prefs.btn.cap': {
        "en": 'Messages per week',
    },
    'prefs.btn.language': {
        "en": 'Language',
    },
    'error.expired': {
        "en": 'This button has expired. Please use /preferences or /help.',
    },
    'error.need_text': {
        "en": 'Please answer with text, or press a button.',
    },
    'error.internal': {
        "en": 'Sorry, something went wrong and nothing was changed. Please try again.',
    },
    'scope.granted': {
        "en": 'Allowed: {scope}',
    },
    'scope.withdrawn': {
        "en": 'Switched off: {scope}',
    },
    'scope.already_on': {
        "en": '{scope} is already allowed.',
    },
    'scope.already_off': {
        "en": '{scope} is already switched off.',
    },
    'scope.withdrawn_msg': {
        "en": 'Done: {scope} is switched off. I will not send you that any more. You can switch it back on in /preferences.',
    },
    'consent.none': {
        "en": "That's fine — I will not send you anything. You can still ask me anything, see /mydata or allow something later in /preferences.",
    },
    'consent.thanks': {
        "en": 'Thank you! You allowed: {scopes}. A few quick questions so that my messages suit you — each can be skipped.',
    },
    'onboarding.done': {
        "en": 'All set! You can see and change everything at any time with /preferences, and stop everything with /stop.',
    },
    'step.skipped': {
        "en": 'Skipped.',
    },
    'name.keep': {
        "en": 'Yes, call me {name}',
    },
    'name.change': {
        "en": 'Use another name',
    },
    'name.ask_confirm': {
        "en": 'May I call you {name}?',
    },
    'name.ask': {
        "en": 'How shall I call you? Type your name.',
    },
    'name.saved': {
        "en": 'Nice to meet you, {name}!',
    },
    'name.invalid': {
        "en": 'That does not look like a name. Please type just your name (letters, up to 64 characters), or press «Skip».',
    },
    'birthday.ask': {
        "en": 'When is your birthday? For example: 12 May, 12.05.1990 or 1990-05-12. The year is optional.',
    },
    'birthday.reenter': {
        "en": "Let's try again. Please type your birthday, for example 12 May.",
    },
    'birthday.saved': {
        "en": 'Saved: your birthday is {date}.',
    },
    'birthday.confirm': {
        "en": 'Is your birthday {date}?',
    },
    'birthday.error.empty': {
        "en": 'I did not get a date.',
    },
    'birthday.error.not_a_date': {
        "en": 'I could not read that as a date.',
    },
    'birthday.error.relative': {
        "en": 'Please give the day and month of your birthday, not a relative date like «yesterday».',
    },
    'birthday.error.impossible': {
        "en": 'That date does not exist.',
    },
    'birthday.error.future': {
        "en": 'That date is in the future.',
    },
    'birthday.error.too_old': {
        "en": 'That would make you older than 120 — please check the year.',
    },
    'birthday.error.incomplete': {
        "en": 'Please give both the day and the month.',
    },
    'interests.ask': {
        "en": 'What are you interested in? Choose any, then press «Done».',
    },
    'interests.saved': {
        "en": 'Interests saved.',
    },
    'timezone.ask': {
        "en": 'Which time zone are you in? Choose one or type it (for example Europe/Kyiv or UTC+2).',
    },
    'timezone.saved': {
        "en": 'Time zone saved: {zone}.',
    },
    'timezone.invalid': {
        "en": 'I do not know that time zone. Type a name such as Europe/Warsaw, or an offset such as UTC+2.',
    },
    'quiet.ask': {
        "en": 'When should I never write to you? Choose quiet hours or type them (for example 22:00-08:00).',
    },
    'quiet.none': {
        "en": 'No quiet hours',
    },
    'quiet.saved': {
        "en": 'Quiet hours saved: {start}–{end}.',
    },
    'quiet.saved_none': {
        "en": 'No quiet hours.',
    },
    'quiet.invalid': {
        "en": 'Please type quiet hours as from-to, for example 22:00-08:00.',
    },
    'cap.ask': {
        "en": 'How many messages a week at most?',
    },
    'cap.option': {
        "en": '{n} / week',
    },
    'cap.saved': {
        "en": 'At most {n} messages a week.',
    },
    'language.ask': {
        "en": 'Choose your language:',
    },
    'language.saved': {
        "en": 'Language: English.',
    },
    'prefs.title': {
        "en": '<b>Your preferences</b>',
    },
    'prefs.not_set': {
        "en": 'not set',
    },
    'prefs.name': {
        "en": 'Name: {value}',
    },
    'prefs.birthday': {
        "en": 'Birthday: {value}',
    },
    'prefs.interests': {
        "en": 'Interests: {value}',
    },
    'prefs.timezone': {
        "en": 'Time zone: {value}',
    },
    'prefs.quiet': {
        "en": 'Quiet hours: {value}',
    },
    'prefs.cap': {
        "en": 'Messages per week at most: {value}',
    },
    'prefs.language': {
        "en": 'Language: {value}',
    },
    'stop.done': {
        "en": 'Done. I switched off: {scopes}. I will not send you any of it any more. To come back, press /start or use /preferences.',
    },
    'stop.nothing': {
        "en": 'You have not allowed anything, so I am not sending you anything. To allow something, use /preferences.',
    },
    'mydata.title': {
        "en": '<b>What I store about you</b>',
    },
    'mydata.stage': {
        "en": 'Status: {value}',
    },
    'mydata.scopes': {
        "en": 'Allowed now: {value}',
    },
    'mydata.history': {
        "en": '<b>Consent history</b> (UTC):',
    },
    'mydata.granted': {
        "en": 'allowed',
    },
    'mydata.withdrawn': {
        "en": 'switched off',
    },
    'mydata.more': {
        "en": '… and {n} earlier entries (see the file).',
    },
    'mydata.sent': {
        "en": 'Messages I sent you: {n}.',
    },
    'mydata.file': {
        "en": 'The complete record is in the file below.',
    },
    'stage.stranger': {
        "en": 'new',
    },
    'stage.friend': {
        "en": 'subscriber',
    },
    'stage.customer': {
        "en": 'customer',
    },
    'stage.loyal': {
        "en": 'loyal customer',
    },
    'stage.former': {
        "en": 'not subscribed',
    },
    'forget.confirm': {
        "en": 'Erase your personal data? I will delete your name, birthday, interests and answers, and switch everything off. I keep only the record of past permissions and that you must not be contacted, with no personal content.',
    },
    'forget.cancelled': {
        "en": 'Nothing was erased.',
    },
    'forget.done': {
        "en": 'Done: your personal data is erased and I will not contact you. If you ever want to come back, press /start.',
    },
    'help.text': {
        "en": 'I send only what you allowed.\n/preferences — see and change permissions and preferences\n/mydata — everything I store about you\n/stop — switch everything off at once\n/forget — erase your personal data\n/language — change the language\nYou can also just write to me, for example «stop sending samples».',
    },
    'cancel.done': {
        "en": 'Cancelled.',
    },
    'fallback.too_long': {
        "en": 'That message is too long for me. Please write a shorter one, or use the buttons.',
    },
    'fallback.unknown': {
        "en": 'Sorry, I did not understand that. Here is what I can do:',
    },
    'fallback.unknown_command': {
        "en": 'I do not know that command. Here is what I can do:',
    },
    'fallback.not_text': {
        "en": 'I can only read text messages. Here is what I can do:',
    },
    'optin.confirm': {
        "en": 'Do you want to allow «{scope}» — {desc}? Press the button to confirm.',
    },
    'smalltalk.greet': {
        "en": 'Hello{name_sep}{name}! How can I help? /help shows what I can do.',
    },
    'smalltalk.goodbye': {
        "en": "Goodbye{name_sep}{name}! I'm here whenever you need me.",
    },
    'smalltalk.thanks': {
        "en": "You're welcome{name_sep}{name}!",
    },
}
