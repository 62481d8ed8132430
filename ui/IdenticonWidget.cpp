#include "IdenticonWidget.h"

#include "crypto/Identicon.h"

#include <QPainter>

namespace tokenpass::ui {

IdenticonWidget::IdenticonWidget(QString seed, QWidget* parent) : QWidget(parent), m_seed(std::move(seed))
{
    setObjectName(QStringLiteral("identicon"));
    setMinimumSize(48, 48);
    setToolTip(tr("Your security image. The same picture appears wherever TokenPass asks you to "
                  "decide, so a look-alike window cannot fake it."));
}

void IdenticonWidget::setSeed(const QString& seed)
{
    m_seed = seed;
    update();
}

void IdenticonWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (m_seed.isEmpty())
        return;
    // minidenticons: an 8x8 view box with a 5x5 grid at (1.5, 1.5); hue (hash % 9) * 40, HSL 95% 45%.
    const std::uint32_t h = crypto::Identicon::hash(m_seed);
    const QColor color = QColor::fromHslF(float((h % 9) * 40) / 360.0f, 0.95f, 0.45f);
    const qreal side = qMin(width(), height());
    const qreal cell = side / 8.0;
    const QPointF origin((width() - side) / 2.0 + 1.5 * cell, (height() - side) / 2.0 + 1.5 * cell);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    for (int i = 0; i < 25; ++i) {
        if (!(h & (1u << (i % 15))))
            continue;
        const int x = i > 14 ? 7 - i / 5 : i / 5;
        painter.drawRect(QRectF(origin.x() + x * cell, origin.y() + (i % 5) * cell, cell, cell));
    }
}

} // namespace tokenpass::ui
