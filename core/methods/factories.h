#pragma once
// Constructors of every registry method; each is defined beside its method. `p` is complete
// and range-checked by the registry.
#include <memory>

#include "core/method.h"
#include "core/registry.h"

namespace ps {

std::unique_ptr<Method> make_ls(const ParamValues& p);
std::unique_ptr<Method> make_si(const ParamValues& p);
std::unique_ptr<Method> make_rlw(const ParamValues& p);
std::unique_ptr<Method> make_dwa(const ParamValues& p);
std::unique_ptr<Method> make_uw(const ParamValues& p);
std::unique_ptr<Method> make_mgda(const ParamValues& p);
std::unique_ptr<Method> make_pcgrad(const ParamValues& p);
std::unique_ptr<Method> make_cagrad(const ParamValues& p);
std::unique_ptr<Method> make_imtl_g(const ParamValues& p);
std::unique_ptr<Method> make_nash_mtl(const ParamValues& p);
std::unique_ptr<Method> make_famo(const ParamValues& p);
std::unique_ptr<Method> make_graddrop(const ParamValues& p);
std::unique_ptr<Method> make_moco(const ParamValues& p);
std::unique_ptr<Method> make_fairgrad(const ParamValues& p);

// Wraps `inner` in the alpha-fair loss transform l -> l^(1-a)/(1-a) (a = loss_alpha < 1, a != 0):
// task i's gradient becomes g_i (l_i - m_i)^(-a); reported weights are on the original gradients.
std::unique_ptr<Method> wrap_alpha_fair_loss(std::unique_ptr<Method> inner, double loss_alpha);

}  // namespace ps
