#pragma once

#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace tokenpass::ui {

class AllowanceEditor;
class SitesModel;

// Connected sites (issue 6): the sites table, the recent audit log of the selected site, and
// Revoke, Revoke all and the signing policy. A view over SitesModel only: it never reaches the
// database itself.
class SitesWindow : public QWidget
{
    Q_OBJECT
public:
    // Asks the person to confirm a destructive action. Tests answer without a message box
    // (KeePassXC's MessageBox::setNextAnswer, as an injected function).
    using Confirm = std::function<bool(QWidget* parent, const QString& question)>;

    explicit SitesWindow(SitesModel* model, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    SitesModel* model() const { return m_model; }
    // Test seam and tray entry point: select a site by host; false if it is not listed.
    bool selectHost(const QString& host);

    static constexpr int kAuditRows = 50;
    // How often the open window looks for changes (tests shorten it with setWatchInterval).
    static constexpr int kWatchIntervalMs = 2000;
    void setWatchInterval(int ms) { m_watch.setInterval(ms); }

public Q_SLOTS:
    void reload();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    // Escape closes the window, as it does a dialog (issue 19 item 4).
    void keyPressEvent(QKeyEvent* event) override;

private:
    int currentRow() const;
    void refreshIfChanged();
    void selectionChanged();
    void revokeSelected();
    void revokeAll();
    void policyChosen(int comboIndex);

    SitesModel* m_model;
    Confirm m_confirm;
    QTableView* m_table = nullptr;
    QTreeWidget* m_audit = nullptr;
    QLabel* m_auditTitle = nullptr;
    QComboBox* m_policy = nullptr;
    QPushButton* m_revoke = nullptr;
    QPushButton* m_revokeAll = nullptr;
    AllowanceEditor* m_allowance = nullptr; // issue 17: the selected site's spending allowance
    bool m_updatingPolicy = false;
    QTimer m_watch;
};

} // namespace tokenpass::ui
