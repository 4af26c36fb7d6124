"""Tests for documents.importing.cleaning.vocabulary: furniture is recognised in every language it lists."""

from __future__ import annotations

import pytest

from documents.importing.cleaning import furniture_reason

# (a line of furniture, the reason ``furniture_reason`` gives): one row per language and kind.
WORDS = [
    pytest.param("Imprimer | Partager | Fermer", "tool bar", id="french tool bar"),
    pytest.param("Imprimir | Compartir | Cerrar", "tool bar", id="spanish tool bar"),
    pytest.param("Печать | Поделиться | Закрыть", "tool bar", id="russian tool bar"),
    pytest.param("Drucken | Teilen | Schließen", "tool bar", id="german tool bar"),
    pytest.param("طباعة | مشاركة", "tool bar", id="arabic tool bar"),
    pytest.param("印刷 | シェア | 閉じる", "tool bar", id="japanese tool bar"),
    pytest.param("인쇄 | 공유 | 닫기", "tool bar", id="korean tool bar"),
    pytest.param("打印 | 关闭", "tool bar", id="chinese tool bar"),
    pytest.param("Print this page", "tool bar", id="a phrase of several words"),
    pytest.param("Tous droits réservés", "footer", id="french rights"),
    pytest.param("Todos los derechos reservados", "footer", id="spanish rights"),
    pytest.param("Все права защищены", "footer", id="russian rights"),
    pytest.param("Alle Rechte vorbehalten", "footer", id="german rights"),
    pytest.param("جميع الحقوق محفوظة", "footer", id="arabic rights"),
    pytest.param("版權所有", "footer", id="traditional chinese rights"),
    pytest.param("Lire aussi", "related", id="french related"),
    pytest.param("Noticias relacionadas", "related", id="spanish related"),
    pytest.param("Читайте также", "related", id="russian related"),
    pytest.param("Lesen Sie auch", "related", id="german related"),
    pytest.param("اقرأ أيضا", "related", id="arabic related"),
    pytest.param("Vous êtes ici : Accueil > Actualités", "navigation", id="french breadcrumb"),
    pytest.param("Suivez-nous", "promotion", id="french promotion"),
    pytest.param("Rédacteur : Jean Dupont", "editor", id="french editor"),
    pytest.param("Vues : 120", "counter", id="french counter"),
    pytest.param("Large | Small", "", id="weak tool words alone are no tool bar"),
]


@pytest.mark.parametrize(("line", "reason"), WORDS)
def test_furniture_words_in_every_language(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason
