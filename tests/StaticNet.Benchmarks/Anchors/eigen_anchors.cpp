// Eigen 3.4 fixed-size anchors for the small-network and frozen-network benchmarks (SmallNetworkBenchmarks.cs,
// FrozenBenchmarks.cs), measured on the machine this runs on so they can be set beside our BenchmarkDotNet figures.
// Build and run with run-eigen-anchors.sh (g++ -O3 -march=native -std=c++17), which also writes frozen_weights.h
// from ../Frozen/*.weights.json: every network computes with the weights the C# frozen networks compile in.
//
// Every network is a fully connected MLP, float32 throughout, with the activation on every layer:
// a1 = act(W1 x + b1), y = act(W2 a1 + b2), W being n_out x n_in; 784-128-10 is ReLU then softmax.
//
// Two forms of each forward pass: "in memory" keeps the weights in fixed-size Eigen matrices held by an object
// (what StaticNet's Forward reads), "frozen" maps fixed-size matrices onto the constexpr, 64-byte-aligned arrays of
// the header (the weights are compile-time constants, as in a frozen network's Predict).

#include <Eigen/Core>

#include "frozen_weights.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

template <int N>
using Vec = Eigen::Matrix<float, N, 1>;

template <int In, int Hidden, int Out>
struct Mlp {
    Eigen::Matrix<float, Hidden, In> W1;
    Vec<Hidden> b1;
    Eigen::Matrix<float, Out, Hidden> W2;
    Vec<Out> b2;
};

// Deterministic uniform numbers in [-1, 1) from a 32-bit LCG (Numerical Recipes constants), for the inputs.
class Lcg {
public:
    explicit Lcg(std::uint32_t seed) : state_(seed) {}

    float next() {
        state_ = state_ * 1664525u + 1013904223u;
        return static_cast<float>(state_ >> 8) * (2.0f / 16777216.0f) - 1.0f;  // top 24 bits
    }

    template <class Derived>
    void fill(Eigen::MatrixBase<Derived>& m, float scale) {
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            for (Eigen::Index c = 0; c < m.cols(); ++c) m(r, c) = scale * next();
    }

private:
    std::uint32_t state_;
};

// A fixed-size matrix (column-major, Eigen's default) viewed over a header array.
template <int Rows, int Cols>
using ConstantMatrix = Eigen::Map<const Eigen::Matrix<float, Rows, Cols>, Eigen::Aligned64>;

// The weights of the header copied into matrices held by an object.
template <int In, int Hidden, int Out>
Mlp<In, Hidden, Out> load_mlp(const float* w1, const float* b1, const float* w2, const float* b2) {
    Mlp<In, Hidden, Out> net;
    net.W1 = ConstantMatrix<Hidden, In>(w1);
    net.b1 = ConstantMatrix<Hidden, 1>(b1);
    net.W2 = ConstantMatrix<Out, Hidden>(w2);
    net.b2 = ConstantMatrix<Out, 1>(b2);
    return net;
}

template <int N>
Vec<N> make_input(std::uint32_t seed) {
    Lcg lcg(seed);
    Vec<N> x;
    lcg.fill(x, 1.0f);
    return x;
}

// The benchmarked functions are noipa so that each call stays a real, opaque call, as BenchmarkDotNet's
// delegate invocation is: the compiler can neither inline one into the timing loop nor reason about its effects.

__attribute__((noipa)) void forward_sigmoid(const Mlp<4, 5, 3>& net, const Vec<4>& x, Vec<3>& y) {
    const Vec<5> a1 = (net.W1 * x + net.b1).array().logistic();
    y = (net.W2 * a1 + net.b2).array().logistic();
}

// One SGD step on one sample with loss C = 1/2 |y - t|^2; returns C (measured before the update).
__attribute__((noipa)) float train_step_sigmoid_mse(Mlp<4, 5, 3>& net, const Vec<4>& x, const Vec<3>& t, float lr) {
    const Vec<5> a1 = (net.W1 * x + net.b1).array().logistic();
    const Vec<3> y = (net.W2 * a1 + net.b2).array().logistic();
    const Vec<3> e = y - t;
    const float loss = 0.5f * e.squaredNorm();

    // sigma'(z) = sigma(z) (1 - sigma(z)), so the deltas need only the activations kept from the forward pass.
    const Vec<3> d2 = e.array() * y.array() * (1.0f - y.array());
    // Uses W2 before its update.
    const Vec<5> d1 = (net.W2.transpose() * d2).array() * a1.array() * (1.0f - a1.array());

    net.W2.noalias() -= lr * d2 * a1.transpose();
    net.b2 -= lr * d2;
    net.W1.noalias() -= lr * d1 * x.transpose();
    net.b1 -= lr * d1;
    return loss;
}

template <int In, int Hidden, int Out>
__attribute__((noipa)) void forward_tanh(const Mlp<In, Hidden, Out>& net, const Vec<In>& x, Vec<Out>& y) {
    const Vec<Hidden> a1 = (net.W1 * x + net.b1).array().tanh();
    y = (net.W2 * a1 + net.b2).array().tanh();
}

// Frozen: the same passes over the header's constexpr arrays, each network's addresses fixed at compile time.
template <int In, int Hidden, int Out, const float* W1, const float* B1, const float* W2, const float* B2>
__attribute__((noipa)) void forward_tanh_frozen(const Vec<In>& x, Vec<Out>& y) {
    const Vec<Hidden> a1 = (ConstantMatrix<Hidden, In>(W1) * x + ConstantMatrix<Hidden, 1>(B1)).array().tanh();
    y = (ConstantMatrix<Out, Hidden>(W2) * a1 + ConstantMatrix<Out, 1>(B2)).array().tanh();
}

__attribute__((noipa)) void forward_sigmoid_frozen(const Vec<4>& x, Vec<3>& y) {
    const Vec<5> a1 = (ConstantMatrix<5, 4>(sigmoid453_w1) * x + ConstantMatrix<5, 1>(sigmoid453_b1)).array().logistic();
    y = (ConstantMatrix<3, 5>(sigmoid453_w2) * a1 + ConstantMatrix<3, 1>(sigmoid453_b2)).array().logistic();
}

// 784-128-10, ReLU then softmax. Its 400 KB of weights exceed Eigen's limit for a fixed-size object on the stack, so
// the "in memory" form maps fixed-size matrices onto a 64-byte-aligned heap copy of the header's arrays.
struct Mnist {
    const float* w1;
    const float* b1;
    const float* w2;
    const float* b2;
};

template <class Derived>
void softmax(Eigen::MatrixBase<Derived>& y) {
    y = (y.array() - y.maxCoeff()).exp().matrix();
    y /= y.sum();
}

__attribute__((noipa)) void forward_mnist(const Mnist& net, const Vec<784>& x, Vec<10>& y) {
    const Vec<128> a1 = (ConstantMatrix<128, 784>(net.w1) * x + ConstantMatrix<128, 1>(net.b1)).cwiseMax(0.0f);
    y = ConstantMatrix<10, 128>(net.w2) * a1 + ConstantMatrix<10, 1>(net.b2);
    softmax(y);
}

__attribute__((noipa)) void forward_mnist_frozen(const Vec<784>& x, Vec<10>& y) {
    const Vec<128> a1 = (ConstantMatrix<128, 784>(mnist784_w1) * x + ConstantMatrix<128, 1>(mnist784_b1)).cwiseMax(0.0f);
    y = ConstantMatrix<10, 128>(mnist784_w2) * a1 + ConstantMatrix<10, 1>(mnist784_b2);
    softmax(y);
}

template <std::size_t N>
const float* heap_copy(const float (&values)[N]) {
    float* copy = static_cast<float*>(std::aligned_alloc(64, (N * sizeof(float) + 63) / 64 * 64));
    std::copy(values, values + N, copy);
    return copy;
}

// Reference for the correctness check: the 4-5-3 sigmoid forward pass with scalar loops and std::exp.
Vec<3> forward_sigmoid_scalar(const Mlp<4, 5, 3>& net, const Vec<4>& x) {
    auto sigmoid = [](float z) { return 1.0f / (1.0f + std::exp(-z)); };
    float a1[5];
    for (int j = 0; j < 5; ++j) {
        float z = net.b1(j);
        for (int i = 0; i < 4; ++i) z += net.W1(j, i) * x(i);
        a1[j] = sigmoid(z);
    }
    Vec<3> y;
    for (int k = 0; k < 3; ++k) {
        float z = net.b2(k);
        for (int j = 0; j < 5; ++j) z += net.W2(k, j) * a1[j];
        y(k) = sigmoid(z);
    }
    return y;
}

// Tells the compiler that v may be read and modified here, so work on it cannot be hoisted out of the timing loop
// or dropped; emits no instructions.
template <class T>
inline void clobber(T& v) {
    asm volatile("" : : "g"(&v) : "memory");
}

// Each call's result is stored here, as BenchmarkDotNet's consumer stores a benchmark's return value in a
// volatile field.
volatile float sink;

struct Timing {
    double median_ns;
    double min_ns;
};

// BenchmarkDotNet in spirit: calibrate a loop to last about 20 ms, warm up, then take 15 measurements of that
// loop and report the median and minimum time per call.
template <class Call>
Timing measure(Call call) {
    using clock = std::chrono::steady_clock;
    auto run = [&](long n) {
        const auto start = clock::now();
        for (long i = 0; i < n; ++i) call();
        return std::chrono::duration<double, std::nano>(clock::now() - start).count();
    };

    long n = 1;
    double elapsed;
    while ((elapsed = run(n)) < 2e6) n *= 2;
    n = std::max(1L, static_cast<long>(n * (20e6 / elapsed)));
    run(n);  // warm-up

    std::vector<double> per_call(15);
    for (double& t : per_call) t = run(n) / n;
    std::sort(per_call.begin(), per_call.end());
    return {per_call[per_call.size() / 2], per_call.front()};
}

// Eigen's own SimdInstructionSetsInUse() reports an AVX2 + FMA build as plain "AVX", so name the sets here.
const char* simd_in_use() {
#if defined(EIGEN_VECTORIZE_AVX512)
    return "AVX-512";
#elif defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    return "AVX2 + FMA";
#elif defined(EIGEN_VECTORIZE_AVX)
    return "AVX";
#elif defined(EIGEN_VECTORIZE)
    return "SSE";
#else
    return "no SIMD";
#endif
}

std::string cpu_model() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

int main() {
    auto sigmoid453 = load_mlp<4, 5, 3>(sigmoid453_w1, sigmoid453_b1, sigmoid453_w2, sigmoid453_b2);
    const auto tanh444 = load_mlp<4, 4, 4>(tanh444_w1, tanh444_b1, tanh444_w2, tanh444_b2);
    const auto tanh16 = load_mlp<16, 16, 16>(tanh16_w1, tanh16_b1, tanh16_w2, tanh16_b2);
    const auto tanh64 = load_mlp<64, 64, 64>(tanh64_w1, tanh64_b1, tanh64_w2, tanh64_b2);
    const Mnist mnist{heap_copy(mnist784_w1), heap_copy(mnist784_b1), heap_copy(mnist784_w2), heap_copy(mnist784_b2)};
    auto x4 = make_input<4>(2);
    auto x16 = make_input<16>(3);
    auto x64 = make_input<64>(4);
    auto x784 = make_input<784>(5);
    const Vec<3> target(0.2f, 0.7f, 0.1f);
    const float learning_rate = 0.01f;
    Vec<3> y3;
    Vec<4> y4;
    Vec<16> y16;
    Vec<64> y64;
    Vec<10> y10;

    forward_sigmoid(sigmoid453, x4, y3);
    const Vec<3> reference = forward_sigmoid_scalar(sigmoid453, x4);
    const float max_error = (y3 - reference).cwiseAbs().maxCoeff();
    if (!(max_error <= 1e-6f)) {
        std::printf("4-5-3 sigmoid forward: Eigen (%.9g %.9g %.9g) differs from scalar (%.9g %.9g %.9g) by %.3g\n",
                    y3(0), y3(1), y3(2), reference(0), reference(1), reference(2), max_error);
        return 1;
    }

    // The frozen forms compute what the in-memory forms compute.
    Vec<3> frozen3;
    forward_sigmoid_frozen(x4, frozen3);
    Vec<64> frozen64;
    forward_tanh(tanh64, x64, y64);
    forward_tanh_frozen<64, 64, 64, tanh64_w1, tanh64_b1, tanh64_w2, tanh64_b2>(x64, frozen64);
    Vec<10> frozen10;
    forward_mnist(mnist, x784, y10);
    forward_mnist_frozen(x784, frozen10);
    const float frozen_error = std::max({(frozen3 - y3).cwiseAbs().maxCoeff(), (frozen64 - y64).cwiseAbs().maxCoeff(),
                                         (frozen10 - y10).cwiseAbs().maxCoeff()});
    if (!(frozen_error <= 1e-6f) || !(std::abs(y10.sum() - 1.0f) <= 1e-5f)) {
        std::printf("frozen and in-memory forward passes differ by %.3g (softmax sums to %.9g)\n", frozen_error, y10.sum());
        return 1;
    }

    // Every call starts from the same input, as every BenchmarkDotNet invocation does; the train step keeps
    // training the same network on one sample, like the C# benchmark, so it is measured after the forward passes.
    auto forward = [&](auto pass, auto& x, auto& y) {
        return measure([&] {
            clobber(x);
            pass(x, y);
            clobber(y);
            sink = y(0);
        });
    };
    const Timing t_forward453 = forward([&](auto& x, auto& y) { forward_sigmoid(sigmoid453, x, y); }, x4, y3);
    const Timing t_frozen453 = forward([](auto& x, auto& y) { forward_sigmoid_frozen(x, y); }, x4, y3);
    const Timing t_forward444 = forward([&](auto& x, auto& y) { forward_tanh(tanh444, x, y); }, x4, y4);
    const Timing t_frozen444 = forward([](auto& x, auto& y) { forward_tanh_frozen<4, 4, 4, tanh444_w1, tanh444_b1, tanh444_w2, tanh444_b2>(x, y); }, x4, y4);
    const Timing t_forward16 = forward([&](auto& x, auto& y) { forward_tanh(tanh16, x, y); }, x16, y16);
    const Timing t_frozen16 = forward([](auto& x, auto& y) { forward_tanh_frozen<16, 16, 16, tanh16_w1, tanh16_b1, tanh16_w2, tanh16_b2>(x, y); }, x16, y16);
    const Timing t_forward64 = forward([&](auto& x, auto& y) { forward_tanh(tanh64, x, y); }, x64, y64);
    const Timing t_frozen64 = forward([](auto& x, auto& y) { forward_tanh_frozen<64, 64, 64, tanh64_w1, tanh64_b1, tanh64_w2, tanh64_b2>(x, y); }, x64, y64);
    const Timing t_forward784 = forward([&](auto& x, auto& y) { forward_mnist(mnist, x, y); }, x784, y10);
    const Timing t_frozen784 = forward([](auto& x, auto& y) { forward_mnist_frozen(x, y); }, x784, y10);
    const Timing t_train453 = measure([&] {
        clobber(x4);
        sink = train_step_sigmoid_mse(sigmoid453, x4, target, learning_rate);
    });

    std::printf("CPU: %s; compiler: g++ %s; Eigen %d.%d.%d (vectorised with %s)\n\n", cpu_model().c_str(), __VERSION__,
                EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, simd_in_use());
    std::printf("Weights: ../Frozen/*.weights.json (the C# frozen benchmarks' files).\n\n");
    std::printf("| work | Eigen median | Eigen min | Eigen frozen median | Eigen frozen min |\n|---|---|---|---|---|\n");
    auto row = [](const char* work, Timing t, Timing frozen) {
        std::printf("| %s | %.1f ns | %.1f ns | %.1f ns | %.1f ns |\n", work, t.median_ns, t.min_ns, frozen.median_ns, frozen.min_ns);
    };
    row("4-5-3 sigmoid, forward", t_forward453, t_frozen453);
    row("4-4-4 tanh, forward", t_forward444, t_frozen444);
    row("16-16-16 tanh, forward", t_forward16, t_frozen16);
    row("64-64-64 tanh, forward", t_forward64, t_frozen64);
    row("784-128-10 ReLU/softmax, forward", t_forward784, t_frozen784);
    std::printf("| 4-5-3 sigmoid + MSE, train step | %.1f ns | %.1f ns | | |\n", t_train453.median_ns, t_train453.min_ns);
    return 0;
}
