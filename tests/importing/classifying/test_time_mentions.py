"""documents/importing/classifying/time_mentions.py: the years and decades a passage mentions."""

from __future__ import annotations

import pytest

from tests.importing.classifying.helpers import eras_of


TIMES = [
    ("In June 1949, the preparatory meeting opened.", {"founding-of-new-china"}),
    ("In 1956, the government issued a statement.", {"five-principles-and-bandung"}),
    ("In the 1950s the country was rebuilt.", {"founding-of-new-china", "five-principles-and-bandung"}),
    ("In the mid-1950s, China advocated the Five Principles.", {"five-principles-and-bandung"}),
    ("In the early 1950s, the war in Korea went on.", {"founding-of-new-china"}),
    ("After entering the 1960s, China adjusted its policy.", {"against-the-two-superpowers"}),
    ("In the 1950s and 1960s, China opposed US hegemonism.", {"against-the-two-superpowers"}),
    ("In the late 1960s and early 1970s, Sino-US tensions eased.", {"opening-to-the-united-states"}),
    ("In the 1970s, China joined the United Nations.", {"opening-to-the-united-states"}),
    ("In the 1980s, Deng Xiaoping stressed peace.", {"reform-and-opening-up"}),
    ("Throughout the 1990s China kept a low profile.", {"after-the-cold-war"}),
    ("From the 1950s to the 1980s the policy held.", {"founding-of-new-china", "five-principles-and-bandung", "reform-and-opening-up"}),
    ("The plenary session in 1978 changed course.", {"reform-and-opening-up"}),
    ("In 1969 border clashes broke out.", {"opening-to-the-united-states"}),
    ("The treaty was signed in 1991.", {"after-the-cold-war"}),
    ("In 2002 the congress met.", {"peaceful-development"}),
    ("In 2012 the congress met.", {"new-era"}),
    ("by 2035 the goals will be met", {"new-era"}),
    ("1956年，中国政府发表声明。", {"five-principles-and-bandung"}),
    ("一九七八年十二月，全会召开。", {"reform-and-opening-up"}),
    ("20世纪50年代中期，中国倡导和平共处五项原则。", {"five-principles-and-bandung"}),
    ("六十年代，中国同时反对两个超级大国。", {"against-the-two-superpowers"}),
    # Numbers that are not years.
    ("After more than 50 years of improvement, adjustment and development.", set()),
    ("2019-11-29 16:31:41 Click Num:1369", {"new-era"}),
    ("Click Num:1969", set()),
    ("a civilization of more than 2000 years", set()),
    ("1,956 delegates attended.", set()),
    ("Tel: 86-10-88828000", set()),
    ("In 1945 the war ended.", set()),
    ("the 1940s", set()),
    ("It cost 1978 yuan.", set()),
    ("该市有2000多年历史。", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_years_and_decades(compiled, text, expected):
    assert eras_of(text, compiled) == expected
