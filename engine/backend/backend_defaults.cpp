// The ops a backend may not have yet: each default says so in one line, naming the op and the
// backend, so that running a Llama-family model where they are missing stops with a clear
// message instead of a wrong answer. The CPU backend overrides all of them.
#include "engine/backend/backend.h"
#include "engine/core/error.h"

namespace gb {

namespace {
[[noreturn]] void missing(const Backend& be, const char* op) {
  throw UsageError(std::string(op) + " is not implemented on the " + be.name() +
                   " backend yet (run this model with --device cpu)");
}
}  // namespace

void Backend::rmsnorm_forward(const Tensor&, const Tensor&, float, Tensor&, Tensor&) { missing(*this, "rmsnorm"); }
void Backend::rmsnorm_backward(const Tensor&, const Tensor&, const Tensor&, const Tensor&, Tensor&, Tensor&) {
  missing(*this, "rmsnorm_backward");
}
void Backend::rope_forward(const Tensor&, std::span<const int32_t>, int, float, Tensor&) { missing(*this, "rope"); }
void Backend::rope_backward(const Tensor&, std::span<const int32_t>, int, float, Tensor&) {
  missing(*this, "rope_backward");
}
void Backend::swiglu_forward(const Tensor&, const Tensor&, Tensor&) { missing(*this, "swiglu"); }
void Backend::swiglu_backward(const Tensor&, const Tensor&, const Tensor&, Tensor&, Tensor&) {
  missing(*this, "swiglu_backward");
}
void Backend::gqa_attention_forward(const Tensor&, const Tensor&, const Tensor&, int, int, Tensor&, Tensor&) {
  missing(*this, "grouped-query attention");
}
void Backend::gqa_attention_backward(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, int,
                                     int, Tensor&, Tensor&, Tensor&) {
  missing(*this, "grouped-query attention backward");
}
void Backend::gqa_attention_decode(const Tensor&, const Tensor&, const Tensor&, int64_t, int, int, Tensor&) {
  missing(*this, "grouped-query attention decode");
}
void Backend::router_topk_forward(const Tensor&, int, std::span<int32_t>, Tensor&) { missing(*this, "router top-k"); }
void Backend::router_topk_backward(const Tensor&, std::span<const int32_t>, const Tensor&, Tensor&) {
  missing(*this, "router top-k backward");
}
float Backend::moe_balance_forward(const Tensor&, const Tensor&, Tensor&) { missing(*this, "MoE load balancing"); }
void Backend::moe_balance_backward(const Tensor&, const Tensor&, float, Tensor&) {
  missing(*this, "MoE load balancing backward");
}
void Backend::scale_rows_forward(const Tensor&, const Tensor&, Tensor&) { missing(*this, "scale_rows"); }
void Backend::scale_rows_backward(const Tensor&, const Tensor&, const Tensor&, Tensor&, Tensor&) {
  missing(*this, "scale_rows_backward");
}

}  // namespace gb
