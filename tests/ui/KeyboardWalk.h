#pragma once

// Synthetic keys for the keyboard tests (issue 19 item 4): every key goes to the widget that has
// the focus, as a person's keyboard would, and Tab is the only way to move.

#include <QApplication>
#include <QTest>
#include <QWidget>

namespace tokenpass::test {

inline QWidget* focused(QWidget* window)
{
    QWidget* w = QApplication::focusWidget();
    return w && w->window() == window ? w : window->focusWidget();
}

inline QString focusedName(QWidget* window)
{
    QWidget* w = focused(window);
    return w ? w->objectName() : QStringLiteral("<no focus>");
}

inline void press(QWidget* window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* w = focused(window);
    QTest::keyClick(w ? w : window, key, modifiers);
}

inline void type(QWidget* window, const QString& text)
{
    QWidget* w = focused(window);
    QTest::keyClicks(w ? w : window, text);
}

// Presses Tab until `target` has the focus; false if it never does within `maxTabs`.
inline bool tabTo(QWidget* window, const QWidget* target, int maxTabs = 40)
{
    for (int i = 0; i < maxTabs; ++i) {
        if (focused(window) == target)
            return true;
        press(window, Qt::Key_Tab);
    }
    return focused(window) == target;
}

} // namespace tokenpass::test
