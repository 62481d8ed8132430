#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace tokenpass::ui {

class SitesModel;

// The selected site's spending allowance in the sites window (issue 17): satoshis per 24 hours
// (0 = always ask), with what the site spent in the last 24 hours. Within the allowance a
// transaction is signed without the dialog, and the tray says so. A view over SitesModel: it
// reads and sets the allowance through it, never the database.
class AllowanceEditor : public QWidget
{
    Q_OBJECT
public:
    // Satoshis a QSpinBox can hold: about 21 BSV per site and day.
    static constexpr int kMaxSatoshis = 2147483647;

    explicit AllowanceEditor(SitesModel* model, QWidget* parent = nullptr);

    // The site the editor shows; -1 for none (disabled).
    void setRow(int row);

Q_SIGNALS:
    void allowanceChanged(const QString& host);

private:
    void apply();
    void showSpent();

    SitesModel* m_model;
    int m_row = -1;
    QSpinBox* m_amount = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_spent = nullptr;
};

} // namespace tokenpass::ui
