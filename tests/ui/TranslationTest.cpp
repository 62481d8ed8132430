// Issue 19: every visible string in ui/ goes through tr(), the German translation is complete and
// current, it is compiled into the binary, and it is what a German system gets. API JSON errors are
// not the UI's and are never translated (tests/server/ErrorStringsTest.cpp pins them byte for byte).

#include "ConsentDialog.h"
#include "Translations.h"
#include "access/ApprovalBroker.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

const QString kSourceDir = QStringLiteral(TOKENPASS_SOURCE_DIR);

// A string literal handed straight to something a person sees, without tr(). A line may say why a
// literal is not words ("// untranslated: a number").
QStringList untranslatedLiterals(const QString& fileName, const QString& text)
{
    static const QRegularExpression visible(QStringLiteral(
        R"((setText|setWindowTitle|setPlaceholderText|setToolTip|setStatusTip|setWhatsThis|)"
        R"(setAccessibleName|setAccessibleDescription|setSpecialValueText|setSuffix|setPrefix|)"
        R"(addRow|addItem|addButton|addAction|addTab|showMessage|setHeaderLabels|)"
        R"(setHorizontalHeaderLabels|information|warning|critical|question)\s*\(\s*)"
        R"((QStringLiteral|QLatin1String|QString::fromLatin1|QString::fromUtf8|u?")|)"
        R"(new\s+(QLabel|QPushButton|QCheckBox|QGroupBox|QRadioButton|QAction|QToolButton)\s*\(\s*)"
        R"((QStringLiteral|QLatin1String|QString::fromLatin1|QString::fromUtf8|u?"))"));
    QStringList found;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        if (line.contains(QLatin1String("untranslated:")))
            continue;
        if (visible.match(line).hasMatch())
            found << QStringLiteral("%1:%2: %3").arg(fileName).arg(i + 1).arg(line.trimmed());
    }
    return found;
}

struct TsEntry
{
    QString context, source, translation, type;
    bool numerus = false;
};

QList<TsEntry> readTs(const QString& path)
{
    QList<TsEntry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    QXmlStreamReader xml(&file);
    QString context;
    TsEntry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name"))
            context = xml.readElementText();
        else if (name == QLatin1String("message")) {
            current = TsEntry{context,
                              {},
                              {},
                              {},
                              xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            entries << current;
        }
    }
    return entries;
}

} // namespace

TEST(Translation, TheSourceScanFindsAnUntranslatedLiteral)
{
    // The check must be able to fail: each of these would show English to a German reader.
    for (const char* line :
         {R"(label->setText(QStringLiteral("Hello"));)",
          R"(auto* b = new QPushButton(QStringLiteral("Go"), this);)", R"(setWindowTitle("Settings");)",
          R"(box->addItem(QStringLiteral("Allow"), 1);)"})
        EXPECT_EQ(untranslatedLiterals(QStringLiteral("x.cpp"), QString::fromUtf8(line)).size(), 1) << line;
    for (const char* line : {R"(label->setText(tr("Hello"));)", R"(new QPushButton(tr("Go"), this);)",
                             R"(setText(QStringLiteral("%1.").arg(n)); // untranslated: a number)"})
        EXPECT_TRUE(untranslatedLiterals(QStringLiteral("x.cpp"), QString::fromUtf8(line)).isEmpty()) << line;
}

TEST(Translation, EveryVisibleStringInUiGoesThroughTr)
{
    const QDir ui(kSourceDir + QStringLiteral("/ui"));
    const QStringList files = ui.entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files);
    ASSERT_GT(files.size(), 20);
    QStringList found;
    for (const QString& name : files) {
        QFile file(ui.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << qPrintable(name);
        found << untranslatedLiterals(name, QString::fromUtf8(file.readAll()));
    }
    EXPECT_TRUE(found.isEmpty()) << "wrap these in tr():\n" << qPrintable(found.join(QLatin1Char('\n')));
}

TEST(Translation, TheGermanFileIsCompleteAndCurrent)
{
    const QString ts = kSourceDir + QStringLiteral("/translations/tokenpass_de.ts");
    const QList<TsEntry> german = readTs(ts);
    ASSERT_GT(german.size(), 200) << qPrintable(ts);
    QStringList unfinished;
    for (const TsEntry& e : german) {
        if (!e.type.isEmpty() || e.translation.trimmed().isEmpty())
            unfinished << e.context + QStringLiteral(": ") + e.source;
    }
    EXPECT_TRUE(unfinished.isEmpty()) << "unfinished or vanished in tokenpass_de.ts:\n"
                                      << qPrintable(unfinished.join(QLatin1Char('\n')));

    // Current: lupdate over today's sources finds no text the German file lacks.
    QTemporaryDir tmp;
    const QString fresh = tmp.filePath(QStringLiteral("fresh.ts"));
    QStringList args{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                     QStringLiteral("-silent")};
    const QDir ui(kSourceDir + QStringLiteral("/ui"));
    for (const QString& name : ui.entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files))
        args << ui.filePath(name);
    args << kSourceDir + QStringLiteral("/core/access/ScopeWords.cpp") << QStringLiteral("-ts") << fresh;
    QProcess lupdate;
    lupdate.start(QStringLiteral(TOKENPASS_LUPDATE), args);
    ASSERT_TRUE(lupdate.waitForFinished(120000));
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().constData();
    QSet<QString> have;
    for (const TsEntry& e : german)
        have.insert(e.context + QLatin1Char('\x1f') + e.source);
    QStringList missing;
    for (const TsEntry& e : readTs(fresh)) {
        if (!have.contains(e.context + QLatin1Char('\x1f') + e.source))
            missing << e.context + QStringLiteral(": ") + e.source;
    }
    EXPECT_TRUE(missing.isEmpty()) << "not in tokenpass_de.ts (run the update_translations target):\n"
                                   << qPrintable(missing.join(QLatin1Char('\n')));
}

TEST(Translation, GermanIsBuiltInAndChosenFromTheLocaleOrSettings)
{
    EXPECT_TRUE(ui::Translations::available().contains(QStringLiteral("de")));
    EXPECT_EQ(ui::Translations::resolve(QString(), {QStringLiteral("de-DE")}), QStringLiteral("de"));
    EXPECT_EQ(ui::Translations::resolve(QString(), {QStringLiteral("fr-FR"), QStringLiteral("de-AT")}),
              QStringLiteral("de"));
    EXPECT_EQ(ui::Translations::resolve(QString(), {QStringLiteral("fr-FR")}), QStringLiteral("en"));
    EXPECT_EQ(ui::Translations::resolve(QStringLiteral("en"), {QStringLiteral("de-DE")}),
              QStringLiteral("en"));
    EXPECT_EQ(ui::Translations::resolve(QStringLiteral("de"), {QStringLiteral("en-US")}),
              QStringLiteral("de"));
    EXPECT_EQ(ui::Translations::nativeName(QStringLiteral("de")), QStringLiteral("Deutsch"));

    ASSERT_TRUE(ui::Translations::install(QStringLiteral("de")));
    access::ApprovalRequest request;
    request.id = 1;
    request.kind = access::ApprovalKind::Connect;
    request.host = QStringLiteral("shop.example");
    request.details.insert(QStringLiteral("scopes"),
                           QStringList{QStringLiteral("sign"), QStringLiteral("fund")});
    {
        ui::ConsentDialog dialog(request, {}, QStringLiteral("seed"), 60000);
        EXPECT_EQ(dialog.findChild<QPushButton*>(QStringLiteral("consentDeny"))->text(),
                  QStringLiteral("&Ablehnen"));
        EXPECT_EQ(dialog.findChild<QCheckBox*>(QStringLiteral("scope_sign"))->text(),
                  QStringLiteral("Nachrichten signieren"));
    }
    EXPECT_FALSE(ui::Translations::install(QStringLiteral("en")));
    ui::ConsentDialog english(request, {}, QStringLiteral("seed"), 60000);
    EXPECT_EQ(english.findChild<QCheckBox*>(QStringLiteral("scope_sign"))->text(),
              QStringLiteral("Sign messages"));
}
