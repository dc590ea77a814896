// GET /_carriersim/metrics: the live world in the Prometheus text format (version 0.0.4), so
// that an emulation can be watched in Grafana while it runs.
#ifndef CARRIERSIM_LIVE_METRICS_H_
#define CARRIERSIM_LIVE_METRICS_H_

#include <string>

#include "simulator/live/live.h"

namespace carriersim {

std::string PrometheusMetrics(const LiveService& live);

}  // namespace carriersim

#endif  // CARRIERSIM_LIVE_METRICS_H_
