#pragma once
// The architecture views of issue 7 (architecture, attention_variants, kv_cache, moe_router):
// building them from a lesson step's parameters and feeding them engine data computed on the
// worker thread through DataSource::withModel. ViewFactory hands these names here.
#include <QJsonObject>
#include <QStringList>

class QWidget;

namespace glassbox { namespace views {
class ExportableView;
}}

namespace glassbox { namespace app {

class DataSource;

QStringList archViewNames();
// nullptr when `name` is not one of archViewNames().
views::ExportableView* createArchView(const QString& name, const QJsonObject& params, DataSource& data, QWidget* parent);

}}  // namespace glassbox::app
