#pragma once

#include <QDialog>

namespace tokenpass::ui {

// Name, version, where the data lives and where the API listens.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    AboutDialog(const QString& dataDir, quint16 port, QWidget* parent = nullptr);
};

} // namespace tokenpass::ui
