#pragma once

#include <QString>
#include <QWidget>

namespace tokenpass::ui {

// The security identicon (API.md §5.8), painted from the same hash the /api/auth/icon SVG uses,
// so the picture in a dialog matches the one a site shows. Painting it here spares a Qt SVG
// dependency for 25 squares.
class IdenticonWidget : public QWidget
{
    Q_OBJECT
public:
    explicit IdenticonWidget(QString seed = {}, QWidget* parent = nullptr);

    void setSeed(const QString& seed);
    QString seed() const { return m_seed; }
    QSize sizeHint() const override { return {64, 64}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_seed;
};

} // namespace tokenpass::ui
