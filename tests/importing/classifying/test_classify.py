"""documents/importing/classifying/__init__.py: ``classify`` with the seed taxonomy.

The themes a reader finds in seed passages and in phrasings and languages the seeds do not use,
the eras a passage speaks about (years, decades and era cues together), and ``classify``'s
edge cases. None of these tests uses the database.
"""

from __future__ import annotations

import datetime
import re

import pytest

from documents.importing.classifying import classify
from documents.importing.taxonomy import load_taxonomy
from documents.importing.types import ParsedSection, PeriodRule, TaxonomyRules, ThemeRule
from tests.importing.classifying.helpers import (
    SEEDS,
    assert_quoted_from_seed,
    eras_of,
    seed_paragraphs,
    themes_of,
)



# --------------------------------------------------------------------------------------------
# Themes: every theme is found in a seed passage where a reader would agree
# --------------------------------------------------------------------------------------------

THEME_IN_SEED = [
    ("independence-and-self-reliance", "002",
     "“Independence and self-reliance, regardless of past, present and future, are our footholds”."),
    ("independence-and-self-reliance", "001",
     "China has all along adhered to the principle of independence."),
    ("non-alignment", "001",
     "China does not form an alliance with any big power or group of big powers. Nor does China "
     "establish military groups with other countries, or engage in arms race and military "
     "expansion."),
    ("non-alignment", "003",
     "remain committed to a new approach to state-to-state relations, one that features dialogue "
     "rather than confrontation, and seeks partnerships rather than alliances."),
    ("five-principles", "001",
     "The Five Principles of Peaceful Coexistence and the universally recognized norms governing "
     "international relations should serve as the basis for setting up the new international "
     "political and economic order."),
    ("mutual-respect-for-sovereignty", "002",
     "establish new diplomatic relations through negotiation on the basis of mutual respect for "
     "sovereignty, territorial integrity, equality and mutual benefits."),
    ("mutual-non-aggression", "002",
     "namely mutual respect for sovereignty and territorial integrity, non-aggression, "
     "non-interference in each other’s internal affairs, equality and mutual benefit, and "
     "peaceful coexistence"),
    ("non-interference", "001",
     "Nor should they interfere in others' internal affairs under any pretext."),
    ("non-interference", "000",
     "A nation’s internal affairs should be decided internally, whilst international issues "
     "should be resolved through consultation of all nations on an equal footing."),
    ("equality-and-mutual-benefit", "003",
     "a comprehensive cooperative partnership between China and Latin American countries "
     "characterized by equality, mutual benefit and common development"),
    ("peaceful-coexistence", "000",
     "China is willing to work with the international community in the interests of "
     "multi-polarity, peaceful coexistence and international stability"),
    ("seeking-common-ground", "000",
     "seek areas of commonality whilst preserving differences in their development."),
    ("seeking-common-ground", "002",
     "Premier Zhou Enlai put forward the policy of “seeking common ground while reserving "
     "differences” at the 1955 Asian-African Conference"),
    ("opposing-hegemonism", "000",
     "China opposes hegemonism and power politics of all kinds and will never seek hegemony or "
     "expansion."),
    ("opposing-hegemonism", "002",
     "In 1956, in response to the great power chauvinism implemented in the foreign policy of "
     "the Soviet government"),
    ("peaceful-settlement-of-disputes", "000",
     "achieving conflict resolution through negotiation and cooperation rather than the use or "
     "threat of force."),
    ("peaceful-settlement-of-disputes", "002",
     "advocating peaceful settlement of international disputes and hot issues, opposing "
     "resorting to force or threat of force at all times"),
    ("new-international-order", "002",
     "correctly grasp the development trend of world multipolarization and economic "
     "globalization"),
    ("new-international-order", "000",
     "Safeguarding world diversity, advocating democracy in respect of international relations "
     "and diversified patterns of development."),
    ("multilateralism-and-the-un", "004",
     "China firmly safeguards the international system with the United Nations at its core"),
    ("multilateralism-and-the-un", "000",
     "playing a vigorous role in the UN and other international and regional organizations"),
    ("solidarity-with-developing-countries", "003",
     "foster new drivers for South-South cooperation, helping the peoples of all developing "
     "countries achieve a better life."),
    ("solidarity-with-developing-countries", "002",
     "strengthen solidarity and cooperation with Third World countries"),
    ("neighbourhood-diplomacy", "000",
     "Strengthening good-neighborly relations with surrounding countries and fostering regional "
     "cooperation as their friends and partners."),
    ("neighbourhood-diplomacy", "003",
     "It gives top priority to neighborhood diplomacy in foreign relations"),
    ("major-country-relations", "003",
     "The China-US relationship is one of the most important bilateral relationships in the "
     "world."),
    ("major-country-relations", "002",
     "establishment of new-type relations between major powers"),
    ("opening-up-and-win-win-cooperation", "001",
     "China pursues a multidimensional policy of opening up to the outside."),
    ("opening-up-and-win-win-cooperation", "004",
     "The historical trend of peace, development and win-win cooperation is unstoppable."),
    ("counter-terrorism", "000",
     "Opposing all forms of terrorism. China advocates strengthening international cooperation, "
     "guards against and strikes at terrorism whilst striving to eliminate its root causes."),
    ("diversity-of-civilizations", "004",
     "respect the diversity of civilizations around the world and jointly tackle global "
     "challenges."),
    ("diversity-of-civilizations", "000",
     "Various civilizations, different social systems and different roads of development in the "
     "world should be mutually respected."),
    ("community-with-a-shared-future", "004",
     "The significant Belt and Road Initiative proposed by the general secretary has become a "
     "popular international public good and international cooperation platform."),
    ("community-with-a-shared-future", "003",
     "We will contribute to a closer community of shared future between China and Africa"),
    ("community-with-a-shared-future", "004",
     "The Global Development Initiative and the Global Security Initiative put forward by the "
     "general secretary injected new impetus into maintaining world peace"),
    ("path-of-peaceful-development", "002",
     "Hu Jintao emphasized that adhering to the path of peaceful development means not only "
     "developing itself through the pursuit of a peaceful international environment"),
]  # fmt: skip


@pytest.mark.parametrize(("theme", "seed", "passage"), THEME_IN_SEED)
def test_theme_is_found_where_the_seed_states_it(compiled, theme, seed, passage):
    assert_quoted_from_seed(seed, passage)
    assert theme in themes_of(passage, compiled)


def test_every_theme_of_the_taxonomy_has_a_seed_example(compiled):
    assert {theme for theme, _seed, _passage in THEME_IN_SEED} == set(compiled.theme_patterns)


# Whole seed passages with exactly the themes a reader finds in them.
EXACT_THEMES = [
    # The five member principles listed without the words "Five Principles": the five children,
    # and not the parent (the reader site shows a parent with its children).
    ("001",
     "China is ready to establish and develop friendly relations of cooperation with all "
     "countries on the basis of mutual respect for sovereignty and territory integrity, mutual "
     "non-aggression, mutual non-interference in each other's internal affairs, equality and "
     "mutual benefit, and peaceful coexistence.",
     {"mutual-respect-for-sovereignty", "mutual-non-aggression", "non-interference",
      "equality-and-mutual-benefit", "peaceful-coexistence"}),
    # "multilateral" yes; "a staunch force" is not the use of force.
    ("001",
     "China takes an active part in multilateral diplomatic activities and is a staunch force in "
     "preserving world peace and facilitating common development.",
     {"multilateralism-and-the-un"}),
    # The name of the whole policy alone suggests nothing.
    ("001",
     "Facing both opportunities and challenges, China should always keep calm and be aware of "
     "hardship, security and emergency. We should further study Deng Xiaoping's diplomatic "
     "thought to seriously implement the independent foreign policy of peace.",
     {"independence-and-self-reliance"}),  # the policy's name states its first principle
    ("001",
     "China opposes hegemonism and preserves world peace. China believes that all countries, big "
     "or small, strong or weak, rich or poor, are equal members of the international community. "
     "Countries should resolve their disputes and conflicts peacefully through consultations and "
     "not resort to the use or threat of force. Nor should they interfere in others' internal "
     "affairs under any pretext.",
     {"opposing-hegemonism", "new-international-order", "peaceful-settlement-of-disputes",
      "non-interference"}),
    ("004",
     "Building a human community with a shared future is the way forward for all the peoples of "
     "the world. China stays committed to building a world of lasting peace through dialogue and "
     "consultation, a world of common security for all through collaboration and shared "
     "benefits, a world of common prosperity through win-win cooperation, an open and inclusive "
     "world through exchanges and mutual learning, and a clean and beautiful world through green "
     "and low-carbon development.",
     {"community-with-a-shared-future", "opening-up-and-win-win-cooperation",
      "diversity-of-civilizations"}),
    ("004",
     "Some forces in the world are indeed going against the trend of history and cling to the "
     "Cold War mentality and play the zero-sum game. They are keen on seeking exclusive blocs, "
     "waging a new \"Cold War,\" drawing ideological lines to stoke block confrontation, and "
     "pursuing hegemony, which is the biggest threat to the world order.",
     {"non-alignment", "opposing-hegemonism"}),
]  # fmt: skip


@pytest.mark.parametrize(("seed", "passage", "expected"), EXACT_THEMES)
def test_seed_passage_has_exactly_the_themes_a_reader_finds(compiled, seed, passage, expected):
    assert_quoted_from_seed(seed, passage)
    assert themes_of(passage, compiled) == expected


# Seed passages that only share a word with a theme.
NOT_THE_THEME = [
    ("peaceful-coexistence", "002",
     "Hu Jintao emphasized that adhering to the path of peaceful development means not only "
     "developing itself through the pursuit of a peaceful international environment"),
    ("multilateralism-and-the-un", "001",
     "China unswervingly pursues an independent foreign policy of peace."),
    ("multilateralism-and-the-un", "003",
     "China is the world's largest developing country and the United States is the largest "
     "developed country."),
    ("solidarity-with-developing-countries", "003",
     "China is the world's largest developing country and the United States is the largest "
     "developed country."),
    ("solidarity-with-developing-countries", "000",
     "Improving and developing relations with developed countries, prioritizing the interests of "
     "all peoples irrespective of social or ideological differences"),
    ("peaceful-settlement-of-disputes", "001",
     "China takes an active part in multilateral diplomatic activities and is a staunch force in "
     "preserving world peace and facilitating common development."),
    ("peaceful-settlement-of-disputes", "003",
     "China has no intention of challenging the United States, nor of replacing the US; the US "
     "is unable to force China's hand, and even less likely to halt China's development."),
    ("peaceful-coexistence", "000",
     "expanding common interests and solving disputes on the Five Principles of Peaceful "
     "Coexistence."),
    ("opening-up-and-win-win-cooperation", "002",
     "Mao Zedong made timely strategic decisions to open the door to normalize Sino-US "
     "relations, opening up a new situation in China’s diplomacy."),
    ("major-country-relations", "002",
     "the hegemonism and imperialist policies of the United States"),
    ("five-principles", "002",
     "The essence of the first four principles is independence and mutual equality."),
]  # fmt: skip


@pytest.mark.parametrize(("theme", "seed", "passage"), NOT_THE_THEME)
def test_sharing_a_word_is_not_the_theme(compiled, theme, seed, passage):
    assert_quoted_from_seed(seed, passage)
    assert theme not in themes_of(passage, compiled)


# Phrasings and languages the seeds do not use, as unseen documents will.
UNSEEN_VARIANTS = [
    ("opposing-hegemonism", "The two sides oppose hegemonic behaviour in all its forms.", True),
    ("opposing-hegemonism", "China will never seek hegemony, however developed it becomes.", True),
    ("opposing-hegemonism", "中国反对一切形式的霸权主义和强权政治。", True),
    ("opposing-hegemonism", "中國反對一切形式的霸權主義和強權政治。", True),
    ("non-interference", "Both sides adhere to noninterference in one another’s internal affairs.", True),
    ("non-interference", "No country should interfere in the internal affairs of others.", True),
    ("non-interference", "双方坚持互不干涉内政原则。", True),
    ("non-interference", "雙方堅持互不干涉內政原則。", True),
    ("non-interference", "The committee did not interfere with the schedule.", False),
    ("new-international-order", "The world is moving towards multipolarization.", True),
    ("new-international-order", "We welcome a multipolar world.", True),
    ("new-international-order", "推动世界多极化和国际关系民主化。", True),
    ("seeking-common-ground", "Both sides are seeking common ground while shelving differences.", True),
    ("seeking-common-ground", "双方本着求同存异的精神进行了会谈。", True),
    ("seeking-common-ground", "The parties found common ground on trade.", False),
    ("neighbourhood-diplomacy", "China values good-neighbourly relations with its neighbours.", True),
    ("neighbourhood-diplomacy", "China values good neighborly relations.", True),
    ("neighbourhood-diplomacy", "坚持与邻为善、以邻为伴的周边外交方针。", True),
    ("diversity-of-civilizations", "We promote dialogue among civilisations.", True),
    ("peaceful-coexistence", "Countries with different systems can co-exist peacefully.", True),
    ("peaceful-coexistence", "The two peoples have lived in peaceful co-existence for decades.", True),
    ("peaceful-coexistence", "两国在和平共处五项原则基础上发展关系。", False),
    ("five-principles", "两国在和平共处五项原则基础上发展关系。", True),
    ("five-principles", "India and China signed the Panchsheel agreement.", True),
    ("five-principles", "Our five principles of good management are listed below.", False),
    ("peaceful-coexistence", "各国应和平共处。", True),
    ("counter-terrorism", "The two countries deepened counter-terrorism cooperation.", True),
    ("counter-terrorism", "坚决打击一切形式的恐怖主义。", True),
    ("opening-up-and-win-win-cooperation", "We seek win–win cooperation with all partners.", True),
    ("opening-up-and-win-win-cooperation", "China will further expand opening-up to the outside world.", True),
    ("community-with-a-shared-future", "共同构建人类命运共同体。", True),
    ("community-with-a-shared-future", "高质量共建“一带一路”。", True),
    ("non-alignment", "China pursues partnership rather than alliance.", True),
    ("non-alignment", "中国奉行不结盟政策。", True),
    ("non-alignment", "The alliance held its summit in Brussels.", False),
    ("peaceful-settlement-of-disputes", "States must refrain from the threat or use of force.", True),
    ("peaceful-settlement-of-disputes", "主张通过谈判和平解决争端。", True),
    ("peaceful-settlement-of-disputes", "The contract was suspended by force majeure.", False),
    ("peaceful-settlement-of-disputes", "The new rules came into force in May.", False),
    ("independence-and-self-reliance", "Opposing “Taiwan independence” is a matter of principle.", False),
    ("independence-and-self-reliance", "中国坚定奉行独立自主的和平外交政策。", True),
    ("independence-and-self-reliance", "China pursues an independent foreign policy of peace.", True),
    ("independence-and-self-reliance", "La Chine poursuit une politique étrangère indépendante et de paix.", True),
    ("opposing-hegemonism", "The peoples of Asia and Africa oppose imperialism and colonialism.", True),
    ("opposing-hegemonism", "Китай выступает против гегемонизма.", True),
    ("mutual-respect-for-sovereignty", "Every state has the right to defend its sovereignty.", True),
    ("non-interference", "They rejected any foreign interference.", True),
    ("non-interference", "La Chine s'oppose à toute ingérence dans les affaires intérieures.", True),
    ("new-international-order", "世界多极化深入发展。", True),
    ("new-international-order", "La multipolarité du monde progresse.", True),
    ("five-principles", "Les cinq principes de la coexistence pacifique restent valables.", True),
    ("independence-and-self-reliance", "中国坚持独立自主、自力更生。", True),
    ("path-of-peaceful-development", "China will stay on the path of peaceful development.", True),
    ("path-of-peaceful-development", "We support the peaceful development of cross-Strait relations.", False),
    ("multilateralism-and-the-un", "The site is on the UNESCO World Heritage list.", False),
    ("multilateralism-and-the-un", "China upholds multilateralism and opposes unilateralism.", True),
    ("multilateralism-and-the-un", "中国维护以联合国为核心的国际体系。", True),
    ("solidarity-with-developing-countries", "China stands with the Global South.", True),
    ("solidarity-with-developing-countries", "加强同发展中国家的团结合作。", True),
    ("major-country-relations", "China-EU relations have grown steadily.", True),
    ("major-country-relations", "中美关系是世界上最重要的双边关系之一。", True),
    ("major-country-relations", "中美洲国家", False),
]  # fmt: skip


@pytest.mark.parametrize(("theme", "text", "expected"), UNSEEN_VARIANTS)
def test_unseen_phrasings_and_languages(compiled, theme, text, expected):
    assert (theme in themes_of(text, compiled)) is expected


def test_every_chinese_rule_has_its_traditional_and_simplified_twin(compiled):
    """Imported documents may be in Simplified or Traditional characters (Taiwan, Hong Kong)."""
    from opencc import OpenCC

    converters = [OpenCC("s2tw"), OpenCC("s2hk"), OpenCC("t2s")]
    data = load_taxonomy(path=SEEDS / "taxonomy.yaml")
    missing = []
    rows = [(row["slug"], row["rules"], compiled.theme_patterns) for row in data.themes]
    rows += [(row["slug"], row["cues"], compiled.cue_patterns) for row in data.periods]
    for slug, rules, patterns in rows:
        for rule in rules:
            if not re.search(r"[\u3400-\u9fff]", rule):
                continue
            for converter in converters:
                twin = converter.convert(rule)
                if rule.startswith("re:"):
                    covered = twin in rules
                else:
                    covered = bool(patterns[slug].search(twin))
                if not covered:
                    missing.append(f"{slug}: {rule} -> {twin}")
    assert missing == []



# --------------------------------------------------------------------------------------------
# Eras a passage speaks about
# --------------------------------------------------------------------------------------------

# Seed 002 narrates 1949 to 2012; each paragraph gets the eras it narrates.
SEED_002_ERAS = [
    # June 1949. "since the Reform and Opening-up" is a side remark, but it does say what the
    # principle became in that era, so the passage is listed there too; "new era connotations"
    # does not name the new era.
    {"founding-of-new-china", "reform-and-opening-up"},
    # "From the founding of New China to the mid-1950s", "In the mid-1950s", "In 1956".
    {"founding-of-new-china", "five-principles-and-bandung"},
    # "the 1955 Asian-African Conference"; "the two superpowers", "In the 1950s and 1960s",
    # "After entering the 1960s".
    {"five-principles-and-bandung", "against-the-two-superpowers"},
    # "In the late 1960s and early 1970s", "normalize Sino-US relations"; 1978, 1982, 1985,
    # "Reform and Opening-up", "true non-alignment".
    {"opening-to-the-united-states", "reform-and-opening-up"},
    # "In the 1980s"; "After the end of the Cold War".
    {"reform-and-opening-up", "after-the-cold-war"},
    # "Since the 16th CPC National Congress" ("Reform and Opening-up" here is the policy).
    {"peaceful-development"},
    # "Since the 18th CPC National Congress", "the Belt and Road".
    {"new-era"},
]


def test_seed_002_paragraphs_speak_about_the_eras_they_narrate(compiled):
    title, *paragraphs = seed_paragraphs("002")
    sections = [ParsedSection("heading", title)] + [
        ParsedSection("paragraph", paragraph) for paragraph in paragraphs
    ]
    result = classify(sections=sections, date=None, taxonomy=compiled)
    assert result.section_periods == [set()] + SEED_002_ERAS



ERA_CUES = [
    ("since the Reform and Opening-up, the principle was kept", {"reform-and-opening-up"}),
    ("After the end of the Cold War, in the face of a complex situation", {"after-the-cold-war"}),
    ("in the post-Cold War world", {"after-the-cold-war"}),
    ("Since the 16th CPC National Congress, Hu Jintao emphasized", {"peaceful-development"}),
    ("Since the 18th CPC National Congress, the Party Central Committee", {"new-era"}),
    ("major-country diplomacy with Chinese characteristics in the new era", {"new-era"}),
    ("From the founding of New China to the mid-1950s", {"founding-of-new-china", "five-principles-and-bandung"}),
    ("at the Asian-African Conference in Bandung", {"five-principles-and-bandung"}),
    ("against the two superpowers", {"against-the-two-superpowers"}),
    ("President Nixon's visit and the Shanghai Communiqué", {"opening-to-the-united-states"}),
    ("the Third Plenary Session of the Eleventh CPC Central Committee", {"reform-and-opening-up"}),
    ("党的十八大以来，中国特色大国外交全面推进。", {"new-era"}),
    ("冷战结束后，国际格局发生深刻变化。", {"after-the-cold-war"}),
    ("新中国成立之初，中国外交的中心任务是巩固政权。", {"founding-of-new-china"}),
    ("進入新時代，中國外交開創新局面。", {"new-era"}),
    # Not cues: the policy by name, the present-day "Cold War mentality", "new era connotations".
    ("to serve China’s Reform and Opening-up and economic construction", set()),
    ("The US should abandon the Cold War mentality.", set()),
    ("waging a new \"Cold War\"", set()),
    ("given this diplomatic principle new era connotations and expressions", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ERA_CUES)
def test_era_cues(compiled, text, expected):
    assert eras_of(text, compiled) == expected



def test_no_sections(compiled):
    result = classify(sections=[], date=datetime.date(2020, 1, 1), taxonomy=compiled)
    assert (result.section_themes, result.section_periods, result.issued_in) == ([], [], "new-era")


def test_a_plain_taxonomy_is_compiled_on_the_fly():
    taxonomy = TaxonomyRules(
        periods=(PeriodRule("cold-war", 1947, 1991, ("Iron Curtain",)),),
        themes=(ThemeRule("detente", None, ("détente", "re:\\bthaw\\b")),),
    )
    result = classify(
        sections=[ParsedSection("paragraph", "After the thaw, the Iron Curtain fell in 1989.")],
        date=None,
        taxonomy=taxonomy,
    )
    assert (result.section_themes, result.section_periods, result.issued_in) == (
        [{"detente"}],
        [{"cold-war"}],
        "cold-war",
    )
