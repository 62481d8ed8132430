#include "Translations.h"

#include <QDir>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace tokenpass::ui {

namespace {

QString qmPath(const QString& code)
{
    return QStringLiteral(":/i18n/tokenpass_%1.qm").arg(code);
}

std::unique_ptr<QTranslator>& installed()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

} // namespace

QStringList Translations::available()
{
    QStringList codes;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("tokenpass_*.qm")});
    for (const QString& file : files)
        codes << file.mid(10, file.size() - 13); // tokenpass_<code>.qm
    return codes;
}

QString Translations::nativeName(const QString& code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    const QString name = QLocale(code).nativeLanguageName();
    return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

QString Translations::resolve(const QString& preferred, const QStringList& systemLanguages)
{
    const QStringList known = available();
    if (!preferred.isEmpty())
        return known.contains(preferred) ? preferred : QStringLiteral("en");
    for (const QString& language : systemLanguages) {
        const QString code = language.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
        if (code == QLatin1String("en"))
            return code;
        if (known.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool Translations::install(const QString& code)
{
    auto& translator = installed();
    if (translator) {
        QCoreApplication::removeTranslator(translator.get());
        translator.reset();
    }
    if (code == QLatin1String("en") || !available().contains(code))
        return false;
    auto loaded = std::make_unique<QTranslator>();
    if (!loaded->load(qmPath(code)))
        return false;
    QCoreApplication::installTranslator(loaded.get());
    translator = std::move(loaded);
    return true;
}

} // namespace tokenpass::ui
