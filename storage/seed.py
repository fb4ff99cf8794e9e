"""The starter interests catalogue (staff can change it)."""

DEFAULT_CATEGORIES: dict[str, dict[str, str]] = {
    "coffee": {"en": "Coffee", "uk": "Кава", "ru": "Кофе", "pl": "Kawa"},
    "tea": {"en": "Tea", "uk": "Чай", "ru": "Чай", "pl": "Herbata"},
    "sweets": {"en": "Sweets", "uk": "Солодощі", "ru": "Сладости", "pl": "Słodycze"},
    "cosmetics": {"en": "Cosmetics", "uk": "Косметика", "ru": "Косметика", "pl": "Kosmetyki"},
    "books": {"en": "Books", "uk": "Книги", "ru": "Книги", "pl": "Książki"},
}
