// Eigen 3.4 fixed-size anchors for the small-network benchmarks (SmallNetworkBenchmarks.cs), measured on the
// machine this runs on so they can be set beside our BenchmarkDotNet figures. Build and run with
// run-eigen-anchors.sh (g++ -O3 -march=native -std=c++17).
//
// Every network is a fully connected MLP, float32 throughout, with the activation on every layer:
// a1 = act(W1 x + b1), y = act(W2 a1 + b2), W being n_out x n_in.

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
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

// Deterministic uniform numbers in [-1, 1) from a 32-bit LCG (Numerical Recipes constants).
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

// Weights and biases uniform in +-1/sqrt(n_in) of their layer.
template <int In, int Hidden, int Out>
Mlp<In, Hidden, Out> make_mlp(std::uint32_t seed) {
    Lcg lcg(seed);
    Mlp<In, Hidden, Out> net;
    const float s1 = 1.0f / std::sqrt(static_cast<float>(In));
    const float s2 = 1.0f / std::sqrt(static_cast<float>(Hidden));
    lcg.fill(net.W1, s1);
    lcg.fill(net.b1, s1);
    lcg.fill(net.W2, s2);
    lcg.fill(net.b2, s2);
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
    auto sigmoid453 = make_mlp<4, 5, 3>(1);
    const auto tanh444 = make_mlp<4, 4, 4>(1);
    const auto tanh16 = make_mlp<16, 16, 16>(1);
    const auto tanh64 = make_mlp<64, 64, 64>(1);
    auto x4 = make_input<4>(2);
    auto x16 = make_input<16>(3);
    auto x64 = make_input<64>(4);
    const Vec<3> target(0.2f, 0.7f, 0.1f);
    const float learning_rate = 0.01f;
    Vec<3> y3;
    Vec<4> y4;
    Vec<16> y16;
    Vec<64> y64;

    forward_sigmoid(sigmoid453, x4, y3);
    const Vec<3> reference = forward_sigmoid_scalar(sigmoid453, x4);
    const float max_error = (y3 - reference).cwiseAbs().maxCoeff();
    if (!(max_error <= 1e-6f)) {
        std::printf("4-5-3 sigmoid forward: Eigen (%.9g %.9g %.9g) differs from scalar (%.9g %.9g %.9g) by %.3g\n",
                    y3(0), y3(1), y3(2), reference(0), reference(1), reference(2), max_error);
        return 1;
    }

    // Every call starts from the same input, as every BenchmarkDotNet invocation does; the train step keeps
    // training the same network on one sample, like the C# benchmark.
    const Timing t_forward453 = measure([&] {
        clobber(x4);
        forward_sigmoid(sigmoid453, x4, y3);
        clobber(y3);
        sink = y3(0);
    });
    const Timing t_train453 = measure([&] {
        clobber(x4);
        sink = train_step_sigmoid_mse(sigmoid453, x4, target, learning_rate);
    });
    const Timing t_forward444 = measure([&] {
        clobber(x4);
        forward_tanh(tanh444, x4, y4);
        clobber(y4);
        sink = y4(0);
    });
    const Timing t_forward16 = measure([&] {
        clobber(x16);
        forward_tanh(tanh16, x16, y16);
        clobber(y16);
        sink = y16(0);
    });
    const Timing t_forward64 = measure([&] {
        clobber(x64);
        forward_tanh(tanh64, x64, y64);
        clobber(y64);
        sink = y64(0);
    });

    std::printf("CPU: %s; compiler: g++ %s; Eigen %d.%d.%d (vectorised with %s)\n\n", cpu_model().c_str(), __VERSION__,
                EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, simd_in_use());
    std::printf("| work | Eigen median | Eigen min |\n|---|---|---|\n");
    auto row = [](const char* work, Timing t) { std::printf("| %s | %.1f ns | %.1f ns |\n", work, t.median_ns, t.min_ns); };
    row("4-5-3 sigmoid, forward", t_forward453);
    row("4-5-3 sigmoid + MSE, train step", t_train453);
    row("4-4-4 tanh, forward", t_forward444);
    row("16-16-16 tanh, forward", t_forward16);
    row("64-64-64 tanh, forward", t_forward64);
    return 0;
}
