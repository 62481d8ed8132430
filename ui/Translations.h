#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QTranslator;

namespace tokenpass::ui {

// The UI language (issue 19): the translations compiled into the binary (translations/*.ts ->
// :/i18n/tokenpass_<code>.qm), chosen from the system locale unless Settings names one. Only
// the UI is translated; API JSON errors are a compatibility contract and never are.
class Translations
{
    Q_DECLARE_TR_FUNCTIONS(Translations)
public:
    // Language codes this build carries a translation for, besides English (the source).
    static QStringList available();
    // "Deutsch" for "de", "English" for "en": each language in its own words.
    static QString nativeName(const QString& code);
    // The code to use: `preferred` if non-empty and known, else the system locale's, else "en".
    static QString resolve(const QString& preferred, const QStringList& systemLanguages);
    // Installs the translation for `code` on the application (replacing one installed before);
    // "en" or an unknown code removes it. True when a translation is now installed.
    static bool install(const QString& code);
};

} // namespace tokenpass::ui
