#include "AboutDialog.h"

#include "AppIcon.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

AboutDialog::AboutDialog(const QString& dataDir, quint16 port, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About TokenPass"));
    setWindowIcon(appIcon(IconState::Locked));

    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setText(tr("<h3>TokenPass %1</h3>"
                     "<p>Your own identity provider: an encrypted BSV wallet that gives websites per-site "
                     "tokens and signatures, with your consent.</p>"
                     "<p>Data folder: <code>%2</code><br>API: <code>http://127.0.0.1:%3/api/</code></p>")
                      .arg(QStringLiteral(TOKENPASS_VERSION), dataDir.toHtmlEscaped())
                      .arg(port));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleDescription(tr("Closes this window."));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}

} // namespace tokenpass::ui
