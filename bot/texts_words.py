"""Customer texts of withdrawal by words and its one-tap undo, in en/uk/ru/pl."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # The button under the confirmation of a withdrawal by words (words can be misread).
    'words.undo': {
        'en': '↩️ Undo: allow again',
        'uk': '↩️ Скасувати: дозволити знову',
        'ru': '↩️ Отменить: разрешить снова',
        'pl': '↩️ Cofnij: zezwól ponownie',
    },
    'words.undone': {
        'en': 'Allowed again: {scopes}.',
        'uk': 'Знову дозволено: {scopes}.',
        'ru': 'Снова разрешено: {scopes}.',
        'pl': 'Ponownie dozwolone: {scopes}.',
    },
    'words.undo_stale': {
        'en': 'This can no longer be undone: your choices have changed since. /preferences shows and changes them.',
        'uk': 'Це вже не можна скасувати: ваш вибір відтоді змінився. /preferences показує і змінює його.',
        'ru': 'Это уже нельзя отменить: ваш выбор с тех пор изменился. /preferences показывает и меняет его.',
        'pl': 'Tego nie można już cofnąć: Twoje wybory zmieniły się od tamtej pory. /preferences je pokazuje i zmienia.',
    },
}
