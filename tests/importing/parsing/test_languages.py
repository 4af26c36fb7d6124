"""Tests for documents.importing.parsing.languages: the languages of a document, main language first."""

from __future__ import annotations

import pytest

from documents.importing.parsing import parse
from tests.importing.parsing.samples import P1, P2, ZH1, ZH2

# --- languages ------------------------------------------------------------------------------

FR = ("La Chine poursuit une politique étrangère indépendante de paix. Elle s'oppose à l'hégémonisme et "
      "défend la coexistence pacifique entre tous les pays du monde.")
RU = ("Китай проводит независимую мирную внешнюю политику. Он выступает против гегемонизма и защищает "
      "мирное сосуществование всех стран мира.")
JA = "中国は独立自主の平和外交政策を堅持し、平和共存五原則に基づいて世界各国との友好協力関係を発展させています。"
DE = ("China verfolgt eine unabhängige Außenpolitik des Friedens. Es lehnt Hegemonismus ab und verteidigt "
      "die friedliche Koexistenz aller Länder der Welt.")

LANGUAGES = [
    pytest.param(f"China Contributes to a Better World(四)\n\n{P1}\n\n{P2}", ["en"], id="english with 四 in the title"),
    pytest.param(f"标题\n\n{ZH1}\n\n{ZH2}", ["zh"], id="chinese"),
    pytest.param(f"标题\n\n{ZH1}\n\n{P1}\n\n{ZH2}\n\n{P2}", ["zh", "en"], id="bilingual, chinese title first"),
    pytest.param(f"Headline\n\n{P1}\n\n{ZH1}\n\n{P2}\n\n{ZH2}", ["en", "zh"], id="bilingual, english title first"),
    pytest.param(f"Headline\n\n{P1} The term 和平共处 means peaceful coexistence.\n\n{P2}", ["en"], id="english quoting chinese words"),
    pytest.param(f"Titre\n\n{FR}", ["fr"], id="french"),
    pytest.param(f"Заголовок\n\n{RU}", ["ru"], id="russian"),
    pytest.param(f"見出し\n\n{JA}", ["ja"], id="japanese"),
    pytest.param(f"Titel\n\n{DE}", ["de"], id="german"),
]


@pytest.mark.parametrize(("text", "languages"), LANGUAGES)
def test_languages(text: str, languages: list[str]) -> None:
    assert parse(text, name="doc.txt").languages == languages
