#include "AppIcon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace tokenpass::ui {

namespace {
QColor stateColor(IconState state)
{
    switch (state) {
    case IconState::NoWallet:
        return QColor(0x8a, 0x8f, 0x98);
    case IconState::Locked:
        return QColor(0x3b, 0x5b, 0xdb);
    case IconState::Unlocked:
        return QColor(0x2f, 0x9e, 0x44);
    case IconState::Attention:
        return QColor(0xe8, 0x59, 0x0c);
    }
    return Qt::gray;
}

QPixmap drawIcon(int size, IconState state)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    painter.setPen(Qt::NoPen);
    painter.setBrush(stateColor(state));
    painter.drawRoundedRect(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88), s * 0.22, s * 0.22);
    // Key hole: a circle over a tapering slot.
    painter.setBrush(Qt::white);
    painter.drawEllipse(QPointF(s * 0.5, s * 0.40), s * 0.14, s * 0.14);
    QPainterPath slot;
    slot.moveTo(s * 0.44, s * 0.45);
    slot.lineTo(s * 0.56, s * 0.45);
    slot.lineTo(s * 0.60, s * 0.76);
    slot.lineTo(s * 0.40, s * 0.76);
    slot.closeSubpath();
    painter.drawPath(slot);
    return pixmap;
}
} // namespace

QIcon appIcon(IconState state)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(drawIcon(size, state));
    return icon;
}

} // namespace tokenpass::ui
